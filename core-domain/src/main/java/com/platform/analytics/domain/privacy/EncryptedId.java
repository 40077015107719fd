package com.platform.analytics.domain.privacy;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A real user id as the vault stores it: AES-256-GCM under the key {@code keyId}, with its own random nonce,
 * bound to its pseudonym (the associated data), so it opens only as the entry of that pseudonym.
 *
 * @param keyId the {@link VaultKey} it was sealed with
 * @param nonce the 96-bit GCM nonce, random per value
 * @param ciphertext the encrypted id followed by the 128-bit authentication tag
 */
public record EncryptedId(String keyId, byte[] nonce, byte[] ciphertext) {
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    public EncryptedId {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(nonce, "nonce is null");
        requireNonNull(ciphertext, "ciphertext is null");
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a GCM nonce here is " + NONCE_BYTES + " bytes, was " + nonce.length);
        }
        if (ciphertext.length < TAG_BYTES) {
            throw new IllegalArgumentException("a ciphertext holds at least its " + TAG_BYTES + "-byte tag, was "
                    + ciphertext.length + " bytes");
        }
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedId e && keyId.equals(e.keyId) && Arrays.equals(nonce, e.nonce)
                && Arrays.equals(ciphertext, e.ciphertext);
    }

    @Override
    public int hashCode() {
        return (keyId.hashCode() * 31 + Arrays.hashCode(nonce)) * 31 + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "EncryptedId[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}
