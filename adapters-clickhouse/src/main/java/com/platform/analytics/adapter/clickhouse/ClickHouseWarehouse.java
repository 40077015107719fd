package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.EventKey;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.metric.MeasureQuery;
import com.platform.analytics.domain.metric.MeasureRow;
import com.platform.analytics.port.out.EventWarehouse;
import com.platform.analytics.port.out.MartMaintenance;
import com.platform.analytics.port.out.MeasureEngine;
import com.platform.analytics.port.out.StoredEventKeys;
import java.util.function.Consumer;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The event facts and the KPI measures in ClickHouse. Works on any {@link ClickHouseTransport}; call
 * {@link #migrate()} once before use to create or update the schema ({@link WarehouseSchema}).
 */
public final class ClickHouseWarehouse implements EventWarehouse, StoredEventKeys, MeasureEngine, MartMaintenance {
    /** Keys read per statement when scanning them all: bounds the size of one result in memory. */
    static final long KEYS_PER_SCAN_PAGE = 2_000_000;

    /** Keeps a key lookup's SQL, measured in bytes as sent, under ClickHouse's default {@code max_query_size} (256 KiB). */
    static final int MAX_LOOKUP_SQL_CHARS = 200_000;

    private final ClickHouseTransport transport;
    private final String database;
    private final String db;
    private final ClusterMode clusterMode;

    @Inject
    public ClickHouseWarehouse(ClickHouseTransport transport, ClickHouseConfig config) {
        this(transport, config.database(), config.clusterMode());
    }

    public ClickHouseWarehouse(ClickHouseTransport transport, String database) {
        this(transport, database, ClusterMode.none());
    }

    /** A warehouse whose schema is created in {@code clusterMode} (queries are the same in both modes). */
    public ClickHouseWarehouse(ClickHouseTransport transport, String database, ClusterMode clusterMode) {
        this.transport = requireNonNull(transport, "transport is null");
        this.database = requireNonNull(database, "database is null");
        this.db = SqlLiterals.identifier(database);
        this.clusterMode = requireNonNull(clusterMode, "clusterMode is null");
    }

    public String database() {
        return database;
    }

    /** Creates the database and applies the schema migrations not applied yet; returns their versions. */
    public List<Integer> migrate() {
        return new SchemaMigrator(transport, database, clusterMode).migrate(WarehouseSchema.MIGRATIONS);
    }

    /**
     * The keys go to ClickHouse as one TSV string literal read by the {@code format} table function: parsing
     * one literal is far cheaper than parsing thousands of tuple expressions. Chunks keep each statement under
     * the default {@code max_query_size} (256 KiB).
     */
    @Override
    public Set<EventKey> findExisting(Collection<EventKey> keys) {
        Set<EventKey> found = new HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        StringBuilder tsv = new StringBuilder(Math.min(MAX_LOOKUP_SQL_CHARS, keys.size() * 64));
        StringBuilder piece = new StringBuilder(128);
        long literalBytes = 0;
        for (EventKey key : new LinkedHashSet<>(keys)) {
            piece.setLength(0);
            TabSeparatedRows.appendField(key.source(), piece);
            piece.append('\t');
            TabSeparatedRows.appendField(key.id(), piece);
            piece.append('\n');
            long bytes = literalBytes(piece);
            if (tsv.length() > 0 && literalBytes + bytes > MAX_LOOKUP_SQL_CHARS) {
                lookUp(tsv, found);
                tsv.setLength(0);
                literalBytes = 0;
            }
            tsv.append(piece);
            literalBytes += bytes;
        }
        lookUp(tsv, found);
        return found;
    }

    /** Bytes {@code text} takes inside a SQL string literal: escapes double a character, UTF-8 up to 3 bytes. */
    static long literalBytes(CharSequence text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\0') {
                n += 2;
            } else {
                n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        return n;
    }

    @Override
    public long countKeys() {
        return Long.parseLong(transport.query("SELECT count() FROM " + db + ".events", "TabSeparated").trim());
    }

    /** Pages by a hash of the key, so no page holds more than about {@link #KEYS_PER_SCAN_PAGE} keys. */
    @Override
    public void forEachKey(Consumer<EventKey> sink) {
        long pages = countKeys() / KEYS_PER_SCAN_PAGE + 1;
        for (long page = 0; page < pages; page++) {
            String sql = "SELECT source, event_id FROM " + db + ".events"
                    + (pages == 1 ? "" : " WHERE cityHash64(source, event_id) % " + pages + " = " + page);
            for (List<String> row : TabSeparatedRows.parse(transport.query(sql, "TabSeparated"))) {
                sink.accept(new EventKey(row.get(0), row.get(1)));
            }
        }
    }

    private void lookUp(StringBuilder tsv, Set<EventKey> found) {
        StringBuilder sql = new StringBuilder(tsv.length() + 256).append("SELECT source, event_id FROM ").append(db)
                .append(".events WHERE (source, event_id) IN (SELECT source, event_id FROM format(TabSeparated, ")
                .append("'source String, event_id String', ");
        SqlLiterals.appendString(tsv.toString(), sql);
        sql.append(")) GROUP BY source, event_id");
        for (List<String> row : TabSeparatedRows.parse(transport.query(sql.toString(), "TabSeparated"))) {
            found.add(new EventKey(row.get(0), row.get(1)));
        }
    }

    /**
     * One INSERT into {@code events} (TabSeparated): parallel parsing is off and the block limit above the row
     * count, so the rows form one block and a row ClickHouse refuses fails the whole statement before anything
     * is written. A batch that spans months is one part per month, each committed with its keys (the
     * {@code by_key} projection), so whatever part was stored is found by {@link #findExisting} on a retry.
     * Events of unknown types are kept in the lake only; here they leave just their key and time. The activity
     * mart is fed by a materialized view, which commits apart from the rows: after a failure the days of the
     * batch are reconciled, so the mart never misses a stored event.
     */
    @Override
    public void append(List<FactRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            transport.insert("INSERT INTO " + db + ".events (" + FactRowTsv.COLUMNS + ") SETTINGS input_format_parallel_parsing = 0, "
                    + "max_insert_block_size = " + Math.max(1_048_576, rows.size() + 1L), "TabSeparated", encode(rows));
        } catch (AnalyticsException e) {
            Set<LocalDate> days = new java.util.TreeSet<>();
            for (FactRow row : rows) {
                days.add(row.time().atZone(java.time.ZoneOffset.UTC).toLocalDate());
            }
            try {
                reconcileActivityMart(days);
            } catch (AnalyticsException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /**
     * Makes the activity mart hold every (day, user, dimensions) that {@code events} holds, for the given UTC
     * days (all days when null), by inserting the groups it misses from {@code events}.
     *
     * @return how many (day, user, dimensions) groups were missing
     */
    @Override
    public long reconcileActivityMart(Set<LocalDate> days) {
        String in = days == null ? null : String.join(", ", days.stream().map(SqlLiterals::date).toList());
        String groups = "day, user_id, game_id, developer_id, platform, country, genre, item_type, campaign_id";
        String missing = "SELECT toDate(ts) AS day, user_id, game_id, developer_id, platform, country, genre, item_type, "
                + "campaign_id, count() AS events FROM " + db + ".events WHERE is_activity = 1 AND user_id != ''"
                + (in == null ? "" : " AND toDate(ts) IN (" + in + ")") + " GROUP BY " + groups
                + " HAVING (" + groups + ") NOT IN (SELECT " + groups + " FROM " + db + ".mart_user_activity_daily"
                + (in == null ? "" : " WHERE day IN (" + in + ")") + ")";
        long count = Long.parseLong(transport.query("SELECT count() FROM (" + missing + ")", "TabSeparated").trim());
        if (count > 0) {
            transport.execute("INSERT INTO " + db + ".mart_user_activity_daily SELECT * FROM (" + missing + ")");
        }
        return count;
    }

    /** Every row is encoded before anything is sent, so a row that cannot be stored stores nothing. */
    private static byte[] encode(List<FactRow> rows) {
        try {
            return FactRowTsv.write(rows);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "a fact row cannot be stored: " + e.getMessage(),
                    null, null, e);
        }
    }

    @Override
    public List<MeasureRow> measure(MeasureQuery query) {
        String sql = MeasureSql.of(database, query);
        List<MeasureRow> out = new ArrayList<>();
        int width = query.dimensions().size() + 2;
        for (List<String> row : TabSeparatedRows.parse(transport.query(sql, "TabSeparated"))) {
            if (row.size() != width) {
                throw new AnalyticsException(ErrorCode.INTERNAL_ERROR,
                        "measure " + query.measure() + ": expected " + width + " columns, got " + row);
            }
            out.add(new MeasureRow(LocalDate.parse(row.get(0)), row.subList(1, width - 1),
                    new BigDecimal(row.get(width - 1))));
        }
        return out;
    }
}
