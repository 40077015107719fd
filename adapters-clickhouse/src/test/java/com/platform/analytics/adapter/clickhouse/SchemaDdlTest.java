package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema's SQL in both cluster modes, as text. */
class SchemaDdlTest {
    private static final ClusterMode CLUSTER = ClusterMode.onCluster("analytics_cluster");

    private static List<String> migration(int version, ClusterMode mode) {
        SchemaMigrator migrator = new SchemaMigrator(new NoEngine(), "analytics", mode);
        return migrator.statements(WarehouseSchema.MIGRATIONS.get(version - 1));
    }

    private static List<String> all(ClusterMode mode) {
        List<String> sql = new ArrayList<>();
        SchemaDdl ddl = new SchemaDdl("analytics", mode);
        sql.add(ddl.createDatabase());
        sql.addAll(ddl.render(SchemaMigrator.SCHEMA_MIGRATIONS));
        for (int v = 1; v <= WarehouseSchema.MIGRATIONS.size(); v++) {
            sql.addAll(migration(v, mode));
        }
        return sql;
    }

    @Test
    void oneServerGetsExactlyTheReleasedStatements() {
        SchemaDdl ddl = new SchemaDdl("analytics", ClusterMode.none());
        assertThat(ddl.createDatabase()).isEqualTo("CREATE DATABASE IF NOT EXISTS `analytics`");
        assertThat(ddl.render(SchemaMigrator.SCHEMA_MIGRATIONS))
                .containsExactly(ReleasedSingleServerSchema.SCHEMA_MIGRATIONS.replace("{db}", "`analytics`"));
        assertThat(WarehouseSchema.MIGRATIONS).hasSameSizeAs(ReleasedSingleServerSchema.STATEMENTS);
        for (int v = 1; v <= WarehouseSchema.MIGRATIONS.size(); v++) {
            List<String> released = ReleasedSingleServerSchema.STATEMENTS.get(v - 1).stream()
                    .map(s -> s.replace("{db}", "`analytics`"))
                    .toList();
            assertThat(migration(v, ClusterMode.none())).as("migration %d", v).isEqualTo(released);
        }
    }

    @Test
    void oneServerSqlHasNoClusterNorReplication() {
        assertThat(String.join("\n", all(ClusterMode.none())))
                .doesNotContain("ON CLUSTER", "Replicated", "Distributed", "_local", "GLOBAL", "{");
    }

    @Test
    void onAClusterEveryDdlStatementRunsOnTheCluster() {
        for (String sql : all(CLUSTER)) {
            if (!sql.strip().startsWith("INSERT")) {
                assertThat(sql).as(sql).contains(" ON CLUSTER `analytics_cluster`");
            }
        }
        assertThat(new SchemaDdl("analytics", CLUSTER).createDatabase())
                .isEqualTo("CREATE DATABASE IF NOT EXISTS `analytics` ON CLUSTER `analytics_cluster`");
    }

    @Test
    void onAClusterATableIsReplicatedLocallyBehindADistributedTableOfItsName() {
        List<String> events = migration(1, CLUSTER);

        assertThat(events).hasSize(2);
        assertThat(events.get(0))
                .startsWith("CREATE TABLE IF NOT EXISTS `analytics`.events_local ON CLUSTER `analytics_cluster` (")
                .contains("ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/analytics/events_local', '{replica}')\n"
                        + "PARTITION BY toYYYYMM(ts)\nORDER BY (type, toDate(ts), user_id)")
                .contains("ts DateTime64(3, 'UTC')")
                .endsWith(WarehouseSchema.DURABLE);
        assertThat(events.get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS `analytics`.events ON CLUSTER `analytics_cluster` "
                + "AS `analytics`.events_local ENGINE = Distributed('analytics_cluster', 'analytics', 'events_local', "
                + "cityHash64(user_id))");
    }

    @Test
    void onAClusterEngineArgumentsFollowTheReplicationArguments() {
        List<String> mart = migration(3, CLUSTER);

        assertThat(mart.get(0)).contains("ENGINE = ReplicatedSummingMergeTree("
                + "'/clickhouse/tables/{shard}/analytics/mart_user_activity_daily_local', '{replica}', events)");
        assertThat(mart.get(1)).contains("ENGINE = Distributed('analytics_cluster', 'analytics', "
                + "'mart_user_activity_daily_local', cityHash64(user_id))");
    }

    @Test
    void onAClusterViewsAndProjectionsWorkOnTheLocalTables() {
        assertThat(migration(3, CLUSTER).get(2))
                .startsWith("CREATE MATERIALIZED VIEW IF NOT EXISTS `analytics`.mart_user_activity_daily_mv ON CLUSTER "
                        + "`analytics_cluster` TO `analytics`.mart_user_activity_daily_local")
                .contains("FROM `analytics`.events_local\n");

        List<String> byKey = migration(4, CLUSTER);
        assertThat(byKey.get(0)).startsWith("ALTER TABLE `analytics`.events_local ON CLUSTER `analytics_cluster` ADD PROJECTION");
        assertThat(byKey.get(1)).startsWith("ALTER TABLE `analytics`.events_local ON CLUSTER `analytics_cluster` MATERIALIZE");
        assertThat(byKey.get(2)).isEqualTo("DROP VIEW IF EXISTS `analytics`.event_keys_mv ON CLUSTER `analytics_cluster`");
        // the data goes through the Distributed tables; the right side of the join is sent to every shard
        assertThat(byKey.get(3)).contains("INSERT INTO `analytics`.events (")
                .contains("FROM `analytics`.event_keys AS k GLOBAL LEFT ANTI JOIN `analytics`.events AS e");
        assertThat(byKey.subList(4, 6)).containsExactly(
                "DROP TABLE IF EXISTS `analytics`.event_keys ON CLUSTER `analytics_cluster`",
                "DROP TABLE IF EXISTS `analytics`.event_keys_local ON CLUSTER `analytics_cluster`");
    }

    @Test
    void clusterModeFromConfiguration() {
        assertThat(ClusterMode.parse("")).isEqualTo(ClusterMode.none());
        assertThat(ClusterMode.parse(" none ")).isEqualTo(ClusterMode.none());
        assertThat(ClusterMode.parse("analytics_cluster")).isEqualTo(CLUSTER);
        assertThatThrownBy(() -> ClusterMode.parse("a cluster; DROP")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ClickHouseConfig.defaults().clusterMode()).isEqualTo(ClusterMode.none());
    }

    /** These tests render SQL only: running anything is a mistake. */
    private static final class NoEngine implements ClickHouseTransport {
        @Override
        public void execute(String sql) {
            throw new AssertionError("ran " + sql);
        }

        @Override
        public void execute(String sql, java.util.Map<String, String> parameters) {
            throw new AssertionError("ran " + sql);
        }

        @Override
        public String query(String sql, String format) {
            throw new AssertionError("ran " + sql);
        }

        @Override
        public void insert(String insertSql, String format, byte[] utf8Rows) {
            throw new AssertionError("ran " + insertSql);
        }
    }
}
