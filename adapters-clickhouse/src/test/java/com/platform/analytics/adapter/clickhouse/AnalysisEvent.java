package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.fact.FactRow;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An event as the analysis tests generate it: what the independent plain-Java computations read, and what goes
 * into the warehouse as a {@link FactRow}. {@code receivedAt} may be days after {@code time} (a late event).
 */
record AnalysisEvent(String source, String id, String type, Instant time, Instant receivedAt, String userId) {
    boolean activity() {
        return EventTypes.isActivity(type);
    }

    FactRow row() {
        return new FactRow(source, id, type, true, activity(), time, receivedAt, userId, userId.isEmpty() ? "anon-" + id : "",
                "", "", "", "", "", "", "", "", "", "", BigDecimal.ZERO, "", BigDecimal.ZERO, 0, "", "", "{}");
    }
}
