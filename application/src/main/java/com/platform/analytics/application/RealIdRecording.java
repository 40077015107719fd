package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.privacy.EncryptedId;
import com.platform.analytics.domain.privacy.RealIdCipher;
import com.platform.analytics.port.out.PseudonymVault;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What ingestion does with the real user ids it pseudonymizes when a vault is configured: seals each with the vault
 * key, bound to its pseudonym, and writes the batch to the {@link PseudonymVault} before the events are stored.
 *
 * <p>Pseudonyms this process wrote lately are skipped: a user's events come again and again, and their vault entry
 * is written once (the vault keeps the first entry anyway). Only a successful write marks them written, so a
 * failed request writes them again on retry. Thread-safe.
 */
public final class RealIdRecording {
    /** Pseudonyms remembered as written; cleared when full, the next requests refill it with active users. */
    private static final int RECENT_LIMIT = 262_144;

    private final PseudonymVault vault;
    private final RealIdCipher cipher;
    private final Set<String> recentlyWritten = ConcurrentHashMap.newKeySet();

    @Inject
    public RealIdRecording(PseudonymVault vault, RealIdCipher cipher) {
        this.vault = requireNonNull(vault, "vault is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
    }

    /**
     * Makes the vault hold an entry for each pseudonym, durable when this returns.
     *
     * @param realIdsByPseudonym each pseudonym and the real user id it was computed from
     * @throws com.platform.analytics.domain.error.AnalyticsException STORAGE_UNAVAILABLE when the vault fails
     */
    public void remember(Map<String, String> realIdsByPseudonym) {
        requireNonNull(realIdsByPseudonym, "realIdsByPseudonym is null");
        Map<String, EncryptedId> fresh = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : realIdsByPseudonym.entrySet()) {
            if (!recentlyWritten.contains(e.getKey())) {
                fresh.put(e.getKey(), cipher.encrypt(e.getKey(), e.getValue()));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        vault.remember(fresh);
        if (recentlyWritten.size() + fresh.size() > RECENT_LIMIT) {
            recentlyWritten.clear();
        }
        recentlyWritten.addAll(fresh.keySet());
    }
}
