package com.platform.analytics.domain.privacy;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts real user ids for the pseudonym vault and decrypts them for an audited export: AES-256-GCM (NIST SP
 * 800-38D) with a fresh random 96-bit nonce per value and a 128-bit tag. The associated data is the pseudonym: an
 * entry copied or moved to another pseudonym's row fails to decrypt instead of naming the wrong person.
 *
 * <p>Random nonces: SP 800-38D (8.3) limits one key to 2³² random-nonce encryptions, which keeps the chance of a
 * repeated nonce below 2⁻³²; the vault encrypts about once per new user (ingestion skips users it has written
 * lately), so a key rotation is due long before. Rotation: new values are sealed with the current key; keys named
 * as retired still open what they sealed.
 *
 * <p>The ciphertext is as long as the id's UTF-8 bytes plus the tag: it tells an id's length, not its content.
 * Thread-safe (a {@link Cipher} per call: they are cheap next to a database round trip).
 */
public final class RealIdCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = EncryptedId.TAG_BYTES * 8;

    private final VaultKey current;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecureRandom random;

    /** Seals with {@code current}; opens values sealed with it or any of {@code retired}. */
    public RealIdCipher(VaultKey current, Collection<VaultKey> retired) {
        this(current, retired, new SecureRandom());
    }

    public RealIdCipher(VaultKey current) {
        this(current, Set.of());
    }

    RealIdCipher(VaultKey current, Collection<VaultKey> retired, SecureRandom random) {
        this.current = requireNonNull(current, "current is null");
        requireNonNull(retired, "retired is null");
        this.random = requireNonNull(random, "random is null");
        keys.put(current.keyId(), new SecretKeySpec(current.key(), "AES"));
        for (VaultKey k : retired) {
            if (keys.putIfAbsent(k.keyId(), new SecretKeySpec(k.key(), "AES")) != null) {
                throw new IllegalArgumentException("vault key id " + k.keyId() + " is given twice");
            }
        }
        // fail at start-up, not at the first event
        seal(keys.get(current.keyId()), new byte[EncryptedId.NONCE_BYTES], new byte[0], new byte[0]);
    }

    /** The id of the key new values are sealed with. */
    public String currentKeyId() {
        return current.keyId();
    }

    /** The real id sealed for the row of {@code pseudonym}, under a fresh random nonce. */
    public EncryptedId encrypt(String pseudonym, String realUserId) {
        requireNonNull(pseudonym, "pseudonym is null");
        requireNonNull(realUserId, "realUserId is null");
        byte[] nonce = new byte[EncryptedId.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = seal(keys.get(current.keyId()), nonce, associatedData(pseudonym),
                realUserId.getBytes(StandardCharsets.UTF_8));
        return new EncryptedId(current.keyId(), nonce, sealed);
    }

    /**
     * The real id of {@code pseudonym}'s row.
     *
     * @throws AnalyticsException INTERNAL_ERROR when the key is unknown or the entry does not authenticate (changed,
     *     or stored under another pseudonym); the message names neither the key nor any id
     */
    public String decrypt(String pseudonym, EncryptedId encrypted) {
        requireNonNull(pseudonym, "pseudonym is null");
        requireNonNull(encrypted, "encrypted is null");
        SecretKeySpec key = keys.get(encrypted.keyId());
        if (key == null) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "a vault entry is sealed with the key id '"
                    + encrypted.keyId() + "', which is neither the current vault key nor a retired one");
        }
        byte[] plain;
        try {
            plain = open(key, encrypted.nonce(), associatedData(pseudonym), encrypted.ciphertext());
        } catch (AEADBadTagException e) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR,
                    "a vault entry does not authenticate: it was altered or belongs to another pseudonym");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain)).toString();
        } catch (CharacterCodingException e) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "a vault entry authenticates but is not UTF-8 text");
        }
    }

    private static byte[] associatedData(String pseudonym) {
        return pseudonym.getBytes(StandardCharsets.UTF_8);
    }

    /** AES-GCM encryption with the given nonce: ciphertext then tag. Package-private for the published test vectors. */
    static byte[] seal(SecretKeySpec key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
        try {
            Cipher c = Cipher.getInstance(TRANSFORMATION);
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associatedData);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** AES-GCM decryption of ciphertext then tag; {@link AEADBadTagException} when it does not authenticate. */
    static byte[] open(SecretKeySpec key, byte[] nonce, byte[] associatedData, byte[] sealed) throws AEADBadTagException {
        try {
            Cipher c = Cipher.getInstance(TRANSFORMATION);
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associatedData);
            return c.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
