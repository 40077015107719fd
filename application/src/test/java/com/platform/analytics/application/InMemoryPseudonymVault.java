package com.platform.analytics.application;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.privacy.EncryptedId;
import com.platform.analytics.port.out.PseudonymVault;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A hand-written vault: the first entry per pseudonym wins, as in PostgreSQL; can be told to fail its next write. */
final class InMemoryPseudonymVault implements PseudonymVault {
    final Map<String, EncryptedId> rows = new LinkedHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();
    private boolean failNextWrite;

    synchronized void failNextWrite() {
        failNextWrite = true;
    }

    @Override
    public synchronized void remember(Map<String, EncryptedId> entries) {
        writes.incrementAndGet();
        if (failNextWrite) {
            failNextWrite = false;
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "pseudonym vault: connection refused");
        }
        entries.forEach(rows::putIfAbsent);
    }

    @Override
    public synchronized Map<String, EncryptedId> lookup(Collection<String> pseudonyms) {
        lookups.incrementAndGet();
        Map<String, EncryptedId> found = new LinkedHashMap<>();
        for (String p : pseudonyms) {
            EncryptedId e = rows.get(p);
            if (e != null) {
                found.put(p, e);
            }
        }
        return found;
    }
}
