package com.platform.analytics.port.out;

import com.platform.analytics.domain.privacy.EncryptedId;
import java.util.Collection;
import java.util.Map;

/**
 * The pseudonym → real user id vault: real ids only ever encrypted ({@link EncryptedId}), kept apart from every
 * other table so that it can be granted to its own database role. Written by ingestion, read only by the audited
 * export.
 */
public interface PseudonymVault {
    /**
     * Remembers each pseudonym's encrypted real id, all or nothing, durable when this returns. Idempotent: a pseudonym
     * the vault holds already keeps its first entry (the same user, so the same real id).
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException STORAGE_UNAVAILABLE when the store fails
     */
    void remember(Map<String, EncryptedId> entries);

    /** The entries of those of {@code pseudonyms} the vault holds; absent ones are simply not in the map. */
    Map<String, EncryptedId> lookup(Collection<String> pseudonyms);
}
