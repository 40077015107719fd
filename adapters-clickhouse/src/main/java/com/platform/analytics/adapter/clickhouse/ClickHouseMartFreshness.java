package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.port.out.MartFreshness;
import com.platform.analytics.port.out.MartMaintenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link MartFreshness} of the warehouse's marts: the time of the latest row each holds. The activity mart
 * ({@code daily_user_activity}, the table {@code mart_user_activity_daily}) keeps days only, so its freshness is read
 * from what fills it: the latest activity event of a known user in {@code events} (the mart's materialized view takes
 * exactly those). Events dated in the future (a client's wrong clock) are left out, so they cannot make a stale mart
 * look fresh.
 */
public final class ClickHouseMartFreshness implements MartFreshness {
    public static final String DAILY_USER_ACTIVITY = MartMaintenance.ACTIVITY_MART;

    private final ClickHouseTransport transport;
    private final Map<String, String> queries;

    public ClickHouseMartFreshness(ClickHouseTransport transport, String database) {
        this.transport = requireNonNull(transport, "transport is null");
        String db = SqlLiterals.identifier(requireNonNull(database, "database is null"));
        this.queries = Map.of(DAILY_USER_ACTIVITY, "SELECT count(), toUnixTimestamp64Micro(max(ts)) FROM " + db + ".events"
                + " WHERE is_activity = 1 AND user_id != '' AND ts <= now64(3)");
    }

    @Override
    public Set<String> marts() {
        return queries.keySet();
    }

    @Override
    public Optional<Instant> lastUpdate(String mart) {
        requireNonNull(mart, "mart is null");
        String sql = queries.get(mart);
        if (sql == null) {
            throw new IllegalArgumentException("unknown mart '" + mart + "'; known: " + marts());
        }
        List<List<String>> rows = TabSeparatedRows.parse(transport.query(sql, "TabSeparated"));
        // max() of no rows is the epoch, not NULL: the count tells an empty mart apart
        if (rows.isEmpty() || Long.parseLong(rows.get(0).get(0)) == 0) {
            return Optional.empty();
        }
        long micros = Long.parseLong(rows.get(0).get(1));
        return Optional.of(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L));
    }
}
