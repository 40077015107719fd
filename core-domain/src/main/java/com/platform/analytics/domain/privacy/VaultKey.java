package com.platform.analytics.domain.privacy;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The AES-256 key of the pseudonym vault (real user ids encrypted under it) and its id. The id is stored next to
 * every encrypted id, so that after a rotation rows written under an older key are still read with that key.
 * Unrelated to {@link PseudonymizationKey}: knowing the pseudonymization secret must not open the vault, nor the
 * other way round.
 *
 * @param keyId 1 to 32 characters of {@code [A-Za-z0-9_-]}
 * @param key exactly 32 bytes; copied, never printed
 */
public record VaultKey(String keyId, byte[] key) {
    public static final int KEY_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public VaultKey {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(key, "key is null");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("keyId must be 1 to 32 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the vault key must be exactly " + KEY_BYTES + " bytes (AES-256), was "
                    + key.length);
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultKey k && keyId.equals(k.keyId) && MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "VaultKey[keyId=" + keyId + ", key=(" + key.length + " bytes, hidden)]";
    }
}
