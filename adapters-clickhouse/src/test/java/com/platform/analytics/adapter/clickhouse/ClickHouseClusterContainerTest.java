package com.platform.analytics.adapter.clickhouse;

import static com.platform.analytics.adapter.clickhouse.FactRows.event;
import static com.platform.analytics.domain.event.EventTypes.USER_LOGGED_IN;
import static com.platform.analytics.domain.event.EventTypes.USER_REGISTERED;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.event.EventKey;
import com.platform.analytics.domain.fact.FactRow;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * The warehouse schema in cluster mode on a current ClickHouse server ({@value #IMAGE}, one node that is its own
 * one-shard cluster with an embedded Keeper), through {@link ClickHouseHttpTransport}. Needs Docker: where
 * there is none, the whole class is skipped with that reason (the other suites still prove the SQL on chDB and
 * the transport on a real server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "dockerAvailable", disabledReason = ClickHouseClusterContainerTest.NO_DOCKER)
class ClickHouseClusterContainerTest {
    static final String NO_DOCKER = "Docker is not available on this machine, so the cluster suite on "
            + "clickhouse/clickhouse-server:24.8 (Testcontainers) is skipped; it runs where Docker is";
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseClusterContainerTest.class);

    static final String IMAGE = "clickhouse/clickhouse-server:24.8";
    private static final String CLUSTER = "analytics_cluster";

    /** One node, one shard, one replica; Keeper inside the server for replication and ON CLUSTER DDL. */
    private static final String CLUSTER_CONFIG = """
            <clickhouse>
                <remote_servers>
                    <analytics_cluster>
                        <shard><replica><host>localhost</host><port>9000</port></replica></shard>
                    </analytics_cluster>
                </remote_servers>
                <macros><shard>01</shard><replica>replica_1</replica></macros>
                <keeper_server>
                    <tcp_port>9181</tcp_port>
                    <server_id>1</server_id>
                    <log_storage_path>/var/lib/clickhouse/coordination/log</log_storage_path>
                    <snapshot_storage_path>/var/lib/clickhouse/coordination/snapshots</snapshot_storage_path>
                    <raft_configuration><server><id>1</id><hostname>localhost</hostname><port>9234</port></server></raft_configuration>
                </keeper_server>
                <zookeeper><node><host>localhost</host><port>9181</port></node></zookeeper>
                <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
            </clickhouse>
            """;

    private GenericContainer<?> server;
    private ClickHouseHttpTransport transport;

    static boolean dockerAvailable() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        if (!available) {
            // the skip's reason goes to the build log too, where a reader of a CI run sees it
            LOG.warn("{}", NO_DOCKER);
        }
        return available;
    }

    @BeforeAll
    void startServer() {
        server = new GenericContainer<>(IMAGE)
                .withEnv("CLICKHOUSE_SKIP_USER_SETUP", "1")
                .withCopyToContainer(Transferable.of(CLUSTER_CONFIG), "/etc/clickhouse-server/config.d/cluster.xml")
                .withExposedPorts(8123)
                .waitingFor(Wait.forHttp("/ping").forPort(8123).forStatusCode(200))
                .withStartupTimeout(Duration.ofMinutes(2));
        server.start();
        URI url = URI.create("http://" + server.getHost() + ":" + server.getMappedPort(8123));
        // a Distributed insert returns once the rows are stored on their shard, as a MergeTree insert does
        transport = new ClickHouseHttpTransport(ClickHouseHttpConfig.of(url, "default", "default", "")
                .withServerSettings(Map.of("insert_distributed_sync", "1")));
    }

    @AfterAll
    void stopServer() {
        try {
            if (transport != null) {
                transport.close();
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void theFullSchemaRunsOnTheClusterAndServesTheWarehouse() {
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(transport, "analytics_cluster_test",
                ClusterMode.onCluster(CLUSTER));

        assertThat(warehouse.migrate()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(warehouse.migrate()).isEmpty();
        assertThat(TabSeparatedRows.parse(transport.query("SELECT name, engine FROM system.tables WHERE database = "
                + "'analytics_cluster_test' AND engine NOT LIKE '%View' ORDER BY name", "TabSeparated")))
                .containsExactly(
                        List.of("events", "Distributed"),
                        List.of("events_local", "ReplicatedMergeTree"),
                        List.of("mart_user_activity_daily", "Distributed"),
                        List.of("mart_user_activity_daily_local", "ReplicatedSummingMergeTree"),
                        List.of("ml_features_churn", "Distributed"),
                        List.of("ml_features_churn_local", "ReplicatedMergeTree"),
                        List.of("schema_migrations", "Distributed"),
                        List.of("schema_migrations_local", "ReplicatedMergeTree"),
                        List.of("segment_members", "Distributed"),
                        List.of("segment_members_local", "ReplicatedMergeTree"),
                        List.of("segment_snapshots", "Distributed"),
                        List.of("segment_snapshots_local", "ReplicatedMergeTree"));

        List<FactRow> rows = List.of(
                event(USER_REGISTERED, "2026-03-01T10:00:00Z", "u1").on("pc", "RU").build(),
                event(USER_LOGGED_IN, "2026-03-01T11:00:00Z", "u1").on("pc", "RU").build(),
                event(USER_LOGGED_IN, "2026-03-02T11:00:00Z", "u2").on("ps5", "KZ").build());
        warehouse.append(rows);

        assertThat(warehouse.countKeys()).isEqualTo(3);
        EventKey first = new EventKey(rows.get(0).source(), rows.get(0).eventId());
        assertThat(warehouse.findExisting(Set.of(first, new EventKey("/nowhere", "none")))).containsExactly(first);
        // the mart's view runs on the local table, under the Distributed insert
        assertThat(transport.query("SELECT day, user_id, sum(events) FROM analytics_cluster_test.mart_user_activity_daily "
                + "GROUP BY day, user_id ORDER BY day, user_id", "TabSeparated"))
                .isEqualTo("2026-03-01\tu1\t2\n2026-03-02\tu2\t1\n");

        // the model features' joins and GLOBAL IN run through the Distributed tables; a refresh serves what it computed
        ClickHouseModelFeatures features = new ClickHouseModelFeatures(transport, "analytics_cluster_test");
        java.time.LocalDate asOf = java.time.LocalDate.parse("2026-03-03");
        assertThat(features.churnRows(asOf, true)).extracting(r -> r.userPseudonym()).containsExactly("u1", "u2");
        assertThat(features.refreshChurnFeatures(asOf)).isEqualTo(2);
        assertThat(features.churnFeatures(asOf)).containsExactlyElementsOf(features.churnRows(asOf, true));
        assertThat(features.paymentRows(asOf.minusDays(5), asOf)).isEmpty();
    }

    @Test
    void rowsInsertedThroughTheTransportComeBackFromTheDistributedTable() {
        transport.execute("CREATE DATABASE IF NOT EXISTS cluster_io ON CLUSTER " + CLUSTER);
        transport.execute("CREATE TABLE IF NOT EXISTS cluster_io.items_local ON CLUSTER " + CLUSTER + " (id UInt64, s String) "
                + "ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/cluster_io/items_local', '{replica}') ORDER BY id");
        transport.execute("CREATE TABLE IF NOT EXISTS cluster_io.items ON CLUSTER " + CLUSTER + " AS cluster_io.items_local "
                + "ENGINE = Distributed('" + CLUSTER + "', 'cluster_io', 'items_local', id)");

        transport.insert("INSERT INTO cluster_io.items (id, s)", "TabSeparated", "1\tone\n2\tdva \\t два\n");

        assertThat(transport.query("SELECT id, s FROM cluster_io.items ORDER BY id", "TabSeparated"))
                .isEqualTo("1\tone\n2\tdva \\t два\n");
    }
}
