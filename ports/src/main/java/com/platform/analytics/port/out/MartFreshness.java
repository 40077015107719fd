package com.platform.analytics.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * How fresh a data mart of the warehouse is: the time of the latest data it holds (for the activity mart
 * {@code daily_user_activity}, the time of the latest activity event stored). Exported as
 * {@code data_mart_last_update_timestamp_gauge{mart_name}} through {@link OperationalMetrics#martUpdated}.
 */
public interface MartFreshness {
    /** The marts this warehouse can answer for. */
    Set<String> marts();

    /**
     * @return empty while the mart holds nothing
     * @throws IllegalArgumentException for a mart not in {@link #marts()}
     */
    Optional<Instant> lastUpdate(String mart);
}
