package com.platform.analytics.port.out;

import com.platform.analytics.domain.event.EventKey;
import com.platform.analytics.domain.fact.FactRow;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The warehouse's event facts: every accepted event, one row each. */
public interface EventWarehouse {
    /** The keys among {@code keys} whose events are already stored. */
    Set<EventKey> findExisting(Collection<EventKey> keys);

    /**
     * Stores the rows; when it returns they are durable and visible to queries. Rows of types outside the event
     * contract feed no metric: a warehouse may keep only their keys (their payload is in the lake). After a
     * failure some rows may have been stored; {@link #findExisting} tells which.
     */
    void append(List<FactRow> rows);
}
