package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The warehouse tables, as numbered migrations applied in order, each once (see {@link SchemaMigrator}).
 * Statements use {@code IF NOT EXISTS} so a migration interrupted half-way can run again. Never edit a
 * released migration; add one.
 *
 * <p>Layout, chosen for the KPI queries:
 * <ul>
 *   <li>{@code events}: one row per accepted event, typed columns; partitioned by month and sorted by
 *       {@code (type, toDate(ts), user_id)}, since every measure selects a type (or the activity flag) and a
 *       time range, and counts distinct users.</li>
 *   <li>{@code events} projection {@code by_key}: {@code (source, event_id)} of every event, sorted by them.
 *       A projection is written in the same part as its rows, so an event is never stored without its key
 *       (a materialized view, the first design, commits separately: a failure between the two let a retry
 *       count an event twice). Events of unknown types are rows too, with only their key and time filled.</li>
 *   <li>{@code mart_user_activity_daily}: per UTC day, user and dimension values, the number of activity
 *       events (filled by a materialized view): active-user measures in UTC read it instead of events.</li>
 *   <li>{@code ml_features_churn}: the churn model's feature rows per as-of date, written by refreshes as whole
 *       generations (see {@code ClickHouseModelFeatures}); sorted by (as_of, computed_at, user_id), as every read
 *       selects one date's latest generation.</li>
 * </ul>
 * Every table fsyncs its parts on insert, so rows are on disk when an insert returns.
 *
 * <p>On a cluster ({@link ClusterMode}) each table is replicated and sharded behind a Distributed table of
 * its name (see {@link SchemaDdl}); events and the mart are sharded by user, so one user's rows sit on one shard.
 */
final class WarehouseSchema {
    /** A numbered set of steps, rendered for the database and {@link ClusterMode} by {@link SchemaDdl}. */
    record Migration(int version, String description, List<SchemaStep> steps) {
        Migration {
            requireNonNull(description, "description is null");
            steps = List.copyOf(steps);
        }
    }

    static final String DURABLE = " SETTINGS fsync_after_insert = 1, fsync_part_directory = 1";

    private static final String DIMENSION_COLUMNS = """
            game_id LowCardinality(String),
                developer_id LowCardinality(String),
                platform LowCardinality(String),
                country LowCardinality(String),
                genre LowCardinality(String),
                item_type LowCardinality(String),
                campaign_id LowCardinality(String)""";

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "events: one row per accepted event", List.of(new SchemaStep.Table("events", "MergeTree",
                    "cityHash64(user_id)", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        source LowCardinality(String),
                        event_id String,
                        type LowCardinality(String),
                        is_registered_type UInt8,
                        is_activity UInt8,
                        ts DateTime64(3, 'UTC'),
                        received_at DateTime64(3, 'UTC'),
                        user_id String,
                        anonymous_id String,
                        subject String,
                        %s,
                        session_id String,
                        transaction_id String,
                        amount Decimal(18, 2),
                        currency LowCardinality(String),
                        amount_rub Decimal(18, 2),
                        duration_seconds UInt64,
                        experiment_key LowCardinality(String),
                        variant LowCardinality(String),
                        data String CODEC(ZSTD(1))
                    )
                    ENGINE = {engine}
                    PARTITION BY toYYYYMM(ts)
                    ORDER BY (type, toDate(ts), user_id)
                    """.formatted(DIMENSION_COLUMNS) + DURABLE))),
            new Migration(2, "event_keys: (source, event_id) index for duplicate lookups", List.of(
                    new SchemaStep.Table("event_keys", "MergeTree", "cityHash64(source, event_id)", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        source String,
                        event_id String
                    )
                    ENGINE = {engine}
                    ORDER BY (source, event_id)
                    SETTINGS index_granularity = 1024, fsync_after_insert = 1, fsync_part_directory = 1
                    """), new SchemaStep.Statement("""
                    CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.event_keys_mv{on_cluster} TO {db}.event_keys{local}
                    AS SELECT source, event_id FROM {db}.events{local}
                    """))),
            new Migration(3, "mart_user_activity_daily: activity events per UTC day, user and dimensions", List.of(
                    new SchemaStep.Table("mart_user_activity_daily", "SummingMergeTree(events)", "cityHash64(user_id)", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        day Date,
                        user_id String,
                        %s,
                        events UInt64
                    )
                    ENGINE = {engine}
                    PARTITION BY toYYYYMM(day)
                    ORDER BY (day, user_id, game_id, developer_id, platform, country, genre, item_type, campaign_id)
                    """.formatted(DIMENSION_COLUMNS) + DURABLE), new SchemaStep.Statement("""
                    CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.mart_user_activity_daily_mv{on_cluster} TO {db}.mart_user_activity_daily{local}
                    AS SELECT toDate(ts) AS day, user_id, game_id, developer_id, platform, country, genre, item_type,
                              campaign_id, count() AS events
                    FROM {db}.events{local}
                    WHERE is_activity = 1 AND user_id != ''
                    GROUP BY day, user_id, game_id, developer_id, platform, country, genre, item_type, campaign_id
                    """))),
            new Migration(4, "events.by_key: the duplicate index inside events' own parts; event_keys retired", List.of(
                    new SchemaStep.Statement("ALTER TABLE {db}.events{local}{on_cluster} ADD PROJECTION IF NOT EXISTS by_key "
                            + "(SELECT source, event_id ORDER BY source, event_id)"),
                    new SchemaStep.Statement("ALTER TABLE {db}.events{local}{on_cluster} MATERIALIZE PROJECTION by_key "
                            + "SETTINGS mutations_sync = 1"),
                    new SchemaStep.Statement("DROP VIEW IF EXISTS {db}.event_keys_mv{on_cluster}"),
                    // keys kept by the first design for events of unknown types become key-only rows
                    new SchemaStep.Statement("""
                    INSERT INTO {db}.events (source, event_id, type, ts, received_at)
                    SELECT k.source, k.event_id, '', toDateTime64(0, 3, 'UTC'), toDateTime64(0, 3, 'UTC')
                    FROM {db}.event_keys AS k {global}LEFT ANTI JOIN {db}.events AS e ON k.source = e.source AND k.event_id = e.event_id
                    """),
                    new SchemaStep.DropTable("event_keys"))),
            new Migration(5, "segment_members, segment_snapshots: membership snapshots of segments", List.of(
                    new SchemaStep.Table("segment_members", "MergeTree", "cityHash64(segment_id)", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        segment_id String,
                        calculated_at DateTime64(3, 'UTC'),
                        user_id String
                    )
                    ENGINE = {engine}
                    ORDER BY (segment_id, calculated_at, user_id)
                    """ + DURABLE),
                    new SchemaStep.Table("segment_snapshots", "MergeTree", "cityHash64(segment_id)", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        segment_id String,
                        calculated_at DateTime64(3, 'UTC'),
                        user_count UInt64
                    )
                    ENGINE = {engine}
                    ORDER BY (segment_id, calculated_at)
                    """ + DURABLE))),
            new Migration(6, "ml_features_churn: churn feature rows per as-of date, in refresh generations", List.of(
                    new SchemaStep.Table("ml_features_churn", "MergeTree", "cityHash64(user_id)", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        as_of Date,
                        user_id String,
                        recency_days Float64,
                        tenure_days Float64,
                        active_days_7 Float64,
                        active_days_30 Float64,
                        sessions_7 Float64,
                        sessions_30 Float64,
                        playtime_minutes_7 Float64,
                        playtime_minutes_30 Float64,
                        playtime_trend Float64,
                        purchases_30 Float64,
                        net_revenue_30 Float64,
                        refunds_90 Float64,
                        friends_total Float64,
                        games_owned Float64,
                        churned Nullable(UInt8),
                        computed_at DateTime64(3, 'UTC')
                    )
                    ENGINE = {engine}
                    PARTITION BY toYYYYMM(as_of)
                    ORDER BY (as_of, computed_at, user_id)
                    """ + DURABLE))));

    private WarehouseSchema() {
    }
}
