package com.platform.analytics.adapter.jwt;

import static com.platform.analytics.adapter.jwt.JwtTokenVerifierTest.refusal;
import static com.platform.analytics.adapter.jwt.TestTokens.AUDIENCE;
import static com.platform.analytics.adapter.jwt.TestTokens.ISSUER;
import static com.platform.analytics.adapter.jwt.TestTokens.pem;
import static com.platform.analytics.adapter.jwt.TestTokens.sign;
import static com.platform.analytics.adapter.jwt.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.platform.analytics.domain.access.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One public key configured as PEM (text or file) instead of a JWKS URL. */
class ConfiguredKeyTest {
    private static RSAKey rsa;
    private static ECKey ec;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        rsa = TestTokens.rsaKey("idp-key");
        ec = TestTokens.ecKey("idp-ec");
    }

    private static JwtSettings.Builder settings() {
        return JwtSettings.builder().issuer(ISSUER).audiences(AUDIENCE);
    }

    @Test
    void acceptsRs256WithThePemText() throws Exception {
        JwtTokenVerifier verifier = new JwtTokenVerifier(settings().publicKeyPem(pem(rsa.toPublicKey())).build(), clock);

        String token = sign(rsa, validClaims(clock).claim("roles", List.of("marketing_manager")).build());

        assertThat(verifier.verify(token).roles()).containsExactly(Role.MARKETING_MANAGER);
        // a configured key ignores the kid a token names: there is nothing to choose from
        String otherKid = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("whatever").build(), rsa,
                validClaims(clock).build());
        assertThat(verifier.verify(otherKid).subject()).isEqualTo("user-1");
    }

    @Test
    void acceptsEs256WithAPemFile() throws Exception {
        Path file = dir.resolve("idp-ec.pem");
        Files.writeString(file, "# the identity provider's signing key\n" + pem(ec.toPublicKey()));
        JwtTokenVerifier verifier = new JwtTokenVerifier(settings().publicKeyFile(file).build(), clock);

        assertThat(verifier.verify(sign(ec, validClaims(clock).build())).subject()).isEqualTo("user-1");
    }

    @Test
    void refusesTheOtherKeyTypeAndForeignSignatures() throws Exception {
        JwtTokenVerifier rsaVerifier = new JwtTokenVerifier(settings().publicKeyPem(pem(rsa.toPublicKey())).build(),
                clock);
        JwtTokenVerifier ecVerifier = new JwtTokenVerifier(settings().publicKeyPem(pem(ec.toPublicKey())).build(),
                clock);

        assertThat(refusal(rsaVerifier, sign(ec, validClaims(clock).build())).detail())
                .isEqualTo("the token's algorithm ES256 needs an EC P-256 key, but its signing key is an RSA key of 2048"
                        + " bits");
        assertThat(refusal(ecVerifier, sign(rsa, validClaims(clock).build())).detail())
                .contains("RS256 needs an RSA key").contains("EC key on curve P-256");
        assertThat(refusal(rsaVerifier, sign(TestTokens.rsaKey("idp-key"), validClaims(clock).build())).detail())
                .contains("signature does not verify");
    }

    @Test
    void refusesHs256KeyedWithTheConfiguredPem() throws Exception {
        String pem = pem(rsa.toPublicKey());
        JwtTokenVerifier verifier = new JwtTokenVerifier(settings().publicKeyPem(pem).build(), clock);

        String confused = TestTokens.signHs256(pem.getBytes(StandardCharsets.US_ASCII), null,
                validClaims(clock).claim("roles", "platform_admin").build());

        assertThat(refusal(verifier, confused).detail()).contains("shared secret (HS256)");
    }

    @Test
    void acceptsTheKeyOfACertificate() throws Exception {
        // keytool (from this JDK) makes a real self-signed certificate and keeps its private key to sign with
        Path store = dir.resolve("idp.p12");
        Path certificate = dir.resolve("idp.crt");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "idp", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
                "SHA256withECDSA", "-dname", "CN=idp.example.test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "idp", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        ECKey signing = new ECKey.Builder(Curve.P_256, (ECPublicKey) keys.getCertificate("idp").getPublicKey())
                .privateKey((ECPrivateKey) keys.getKey("idp", "changeit".toCharArray())).keyID("idp").build();
        JwtTokenVerifier verifier = new JwtTokenVerifier(settings().publicKeyFile(certificate).build(), clock);

        assertThat(verifier.verify(sign(signing, validClaims(clock).build())).subject()).isEqualTo("user-1");
        assertThat(refusal(verifier, sign(ec, validClaims(clock).build())).detail()).contains("signature does not verify");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    @Test
    void refusesUnusableKeysAtConstruction() throws Exception {
        String privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.toPrivateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        RSAKey small = new RSAKeyGenerator(1024, true).generate();
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();

        assertConstructionFails(settings().publicKeyPem(privatePem), "holds a private key; configure the public key only");
        assertConstructionFails(settings().publicKeyPem(pem(small.toPublicKey())), "RSA key of 1024 bits");
        assertConstructionFails(settings().publicKeyPem(pem(p384.toPublicKey())), "curve other than P-256");
        assertConstructionFails(settings().publicKeyPem("just some text"), "holds no PEM block");
        assertConstructionFails(settings().publicKeyPem("-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----"),
                "PKCS#1");
        assertConstructionFails(settings().publicKeyPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
                "neither an RSA nor an EC key");
        assertConstructionFails(settings().publicKeyFile(dir.resolve("missing.pem")), "cannot read the public key file");
        assertConstructionFails(settings().publicKeyPem("-----BEGIN CERTIFICATE-----\nMIIBfTCCASOgAwIBAgIU\n-----END CERTIFICATE-----"),
                "holds a CERTIFICATE that cannot be read");
        assertConstructionFails(settings().publicKeyPem(pem(rsa.toPublicKey())).algorithms(Set.of("ES256")),
                "the configured public key is an RSA key of 2048 bits, which none of the accepted algorithms (ES256) uses");
    }

    private void assertConstructionFails(JwtSettings.Builder settings, String message) {
        assertThatThrownBy(() -> new JwtTokenVerifier(settings.build(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
