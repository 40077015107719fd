package com.platform.analytics.adapter.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the one configured signing key from PEM with the JDK alone (nimbus's own PEM reader needs BouncyCastle):
 * a {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) or a {@code CERTIFICATE}, RSA of at least 2048 bits or EC P-256.
 */
final class PemPublicKeys {
    static final int MIN_RSA_BITS = 2048;

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private PemPublicKeys() {
    }

    /** The key as a JWK for signature checks; {@code source} names where it came from, for error messages. */
    static JWK parse(String pem, String source) {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException(source + " holds no PEM block (-----BEGIN PUBLIC KEY----- ...)");
        }
        String type = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": the PEM body is not valid base64");
        }
        PublicKey key = switch (type) {
            case "PUBLIC KEY" -> publicKey(der, source);
            case "CERTIFICATE" -> certificateKey(der, source);
            case "RSA PUBLIC KEY" -> throw new IllegalArgumentException(source + " holds a PKCS#1 RSA PUBLIC KEY; convert"
                    + " it to a PUBLIC KEY (openssl rsa -RSAPublicKey_in -in key.pem -pubout)");
            default -> {
                if (type.contains("PRIVATE")) {
                    throw new IllegalArgumentException(source + " holds a private key; configure the public key only"
                            + " (the service never needs to sign)");
                }
                throw new IllegalArgumentException(source + " holds a PEM " + type + ", not a PUBLIC KEY or CERTIFICATE");
            }
        };
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException(source + " holds an RSA key of " + rsa.getModulus().bitLength()
                        + " bits; at least " + MIN_RSA_BITS + " are required");
            }
            return new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (!Curve.P_256.equals(curve)) {
                throw new IllegalArgumentException(source + " holds an EC key on a curve other than P-256, which ES256"
                        + " needs");
            }
            return new ECKey.Builder(Curve.P_256, ec).keyUse(KeyUse.SIGNATURE).build();
        }
        throw new IllegalArgumentException(source + " holds a " + key.getAlgorithm() + " key; only RSA and EC keys sign"
                + " RS256 and ES256 tokens");
    }

    private static PublicKey publicKey(byte[] der, String source) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this key type: try the next
            }
        }
        throw new IllegalArgumentException(source + " holds a PUBLIC KEY that is neither an RSA nor an EC key");
    }

    private static PublicKey certificateKey(byte[] der, String source) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der))
                    .getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + " holds a CERTIFICATE that cannot be read: " + e.getMessage());
        }
    }
}
