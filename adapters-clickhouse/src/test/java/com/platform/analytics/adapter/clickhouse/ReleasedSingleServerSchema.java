package com.platform.analytics.adapter.clickhouse;

import java.util.List;

/**
 * The warehouse migrations' statements exactly as released before the cluster mode existed (per migration,
 * {@code {db}} for the database). The single-server rendering of {@link WarehouseSchema} must equal them.
 */
final class ReleasedSingleServerSchema {
    static final String DURABLE = " SETTINGS fsync_after_insert = 1, fsync_part_directory = 1";

    static final String SCHEMA_MIGRATIONS = "CREATE TABLE IF NOT EXISTS {db}.schema_migrations (version UInt32, "
            + "description String, applied_at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY version" + DURABLE;

    private static final String DIMENSION_COLUMNS = """
            game_id LowCardinality(String),
                developer_id LowCardinality(String),
                platform LowCardinality(String),
                country LowCardinality(String),
                genre LowCardinality(String),
                item_type LowCardinality(String),
                campaign_id LowCardinality(String)""";

    static final List<List<String>> STATEMENTS = List.of(
            List.of("""
                    CREATE TABLE IF NOT EXISTS {db}.events (
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
                    ENGINE = MergeTree
                    PARTITION BY toYYYYMM(ts)
                    ORDER BY (type, toDate(ts), user_id)
                    """.formatted(DIMENSION_COLUMNS) + DURABLE),
            List.of("""
                    CREATE TABLE IF NOT EXISTS {db}.event_keys (
                        source String,
                        event_id String
                    )
                    ENGINE = MergeTree
                    ORDER BY (source, event_id)
                    SETTINGS index_granularity = 1024, fsync_after_insert = 1, fsync_part_directory = 1
                    """, """
                    CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.event_keys_mv TO {db}.event_keys
                    AS SELECT source, event_id FROM {db}.events
                    """),
            List.of("""
                    CREATE TABLE IF NOT EXISTS {db}.mart_user_activity_daily (
                        day Date,
                        user_id String,
                        %s,
                        events UInt64
                    )
                    ENGINE = SummingMergeTree(events)
                    PARTITION BY toYYYYMM(day)
                    ORDER BY (day, user_id, game_id, developer_id, platform, country, genre, item_type, campaign_id)
                    """.formatted(DIMENSION_COLUMNS) + DURABLE, """
                    CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.mart_user_activity_daily_mv TO {db}.mart_user_activity_daily
                    AS SELECT toDate(ts) AS day, user_id, game_id, developer_id, platform, country, genre, item_type,
                              campaign_id, count() AS events
                    FROM {db}.events
                    WHERE is_activity = 1 AND user_id != ''
                    GROUP BY day, user_id, game_id, developer_id, platform, country, genre, item_type, campaign_id
                    """),
            List.of(
                    "ALTER TABLE {db}.events ADD PROJECTION IF NOT EXISTS by_key (SELECT source, event_id ORDER BY source, event_id)",
                    "ALTER TABLE {db}.events MATERIALIZE PROJECTION by_key SETTINGS mutations_sync = 1",
                    "DROP VIEW IF EXISTS {db}.event_keys_mv",
                    // keys kept by the first design for events of unknown types become key-only rows
                    """
                    INSERT INTO {db}.events (source, event_id, type, ts, received_at)
                    SELECT k.source, k.event_id, '', toDateTime64(0, 3, 'UTC'), toDateTime64(0, 3, 'UTC')
                    FROM {db}.event_keys AS k LEFT ANTI JOIN {db}.events AS e ON k.source = e.source AND k.event_id = e.event_id
                    """,
                    "DROP TABLE IF EXISTS {db}.event_keys"),
            List.of("""
                    CREATE TABLE IF NOT EXISTS {db}.segment_members (
                        segment_id String,
                        calculated_at DateTime64(3, 'UTC'),
                        user_id String
                    )
                    ENGINE = MergeTree
                    ORDER BY (segment_id, calculated_at, user_id)
                    """ + DURABLE, """
                    CREATE TABLE IF NOT EXISTS {db}.segment_snapshots (
                        segment_id String,
                        calculated_at DateTime64(3, 'UTC'),
                        user_count UInt64
                    )
                    ENGINE = MergeTree
                    ORDER BY (segment_id, calculated_at)
                    """ + DURABLE),
            List.of("""
                    CREATE TABLE IF NOT EXISTS {db}.ml_features_churn (
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
                    ENGINE = MergeTree
                    PARTITION BY toYYYYMM(as_of)
                    ORDER BY (as_of, computed_at, user_id)
                    """ + DURABLE));

    private ReleasedSingleServerSchema() {
    }
}
