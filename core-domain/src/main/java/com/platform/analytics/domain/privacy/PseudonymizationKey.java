package com.platform.analytics.domain.privacy;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The secret that pseudonyms are derived from, and its id. The id is written into every pseudonym, so that
 * after a key rotation old and new pseudonyms are told apart (and never mistaken for the same user).
 *
 * @param keyId 1 to 32 characters of {@code [A-Za-z0-9_-]}
 * @param secret at least 32 bytes (256 bits, the HMAC-SHA256 block strength); copied, never printed
 */
public record PseudonymizationKey(String keyId, byte[] secret) {
    public static final int MIN_SECRET_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public PseudonymizationKey {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(secret, "secret is null");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("keyId must be 1 to 32 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the pseudonymization secret must be at least " + MIN_SECRET_BYTES
                    + " bytes, was " + secret.length);
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PseudonymizationKey k && keyId.equals(k.keyId) && MessageDigest.isEqual(secret, k.secret);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode() * 31 + Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "PseudonymizationKey[keyId=" + keyId + ", secret=(" + secret.length + " bytes, hidden)]";
    }
}
