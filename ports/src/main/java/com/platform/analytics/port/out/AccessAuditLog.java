package com.platform.analytics.port.out;

import com.platform.analytics.domain.privacy.AuditEntry;
import java.util.List;

/** The append-only record of every access to personal data (who, when, what, how many). */
public interface AccessAuditLog {
    /**
     * Appends an entry, durable when this returns.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException STORAGE_UNAVAILABLE when the store fails; the
     *     access it describes must then not happen
     */
    void record(AuditEntry entry);

    /** The latest {@code limit} entries, newest first. */
    List<AuditEntry> recent(int limit);
}
