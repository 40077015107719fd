package com.platform.analytics.application;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.privacy.AuditEntry;
import com.platform.analytics.port.out.AccessAuditLog;
import java.util.ArrayList;
import java.util.List;

/** A hand-written audit log, in order of writing; can be told to fail. */
final class InMemoryAccessAuditLog implements AccessAuditLog {
    final List<AuditEntry> entries = new ArrayList<>();
    boolean failing;

    @Override
    public synchronized void record(AuditEntry entry) {
        if (failing) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "access audit log: connection refused");
        }
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> recent(int limit) {
        List<AuditEntry> newestFirst = new ArrayList<>(entries);
        java.util.Collections.reverse(newestFirst);
        return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
    }
}
