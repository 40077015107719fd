package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.metric.BuiltInMetric;
import com.platform.analytics.domain.metric.Dimension;
import com.platform.analytics.domain.metric.MetricDefinition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata store against a real PostgreSQL server started by the test (one embedded server for the class): the
 * contract of {@link BaseMetadataStoreTest}, plus what only the embedded mode does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresMetadataTest extends BaseMetadataStoreTest {
    @TempDir
    static Path tempDir;

    private Path dataDirectory;
    private PostgresMetadata metadata;
    private SchemaMigrations.Outcome firstMigration;

    @BeforeAll
    void startOnEmptyDataDirectory() {
        dataDirectory = tempDir.resolve("metadata/postgres");
        metadata = PostgresMetadata.open(PostgresConfig.embedded(dataDirectory, 0));
        firstMigration = metadata.migration();
    }

    @Override
    protected PostgresMetadata metadata() {
        return metadata;
    }

    /** V12 on a database migrated to V11 with a forecast version registered then: its format is renamed. */
    @Test
    void v12RenamesTheFormatOfForecastVersionsRegisteredAsHoltWinters() throws Exception {
        EmbeddedPostgresServer server = metadata.embeddedServer().orElseThrow();
        try (Connection c = metadata.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE v11_probe");
        }
        String url = server.jdbcUrl().replace("/" + EmbeddedPostgresServer.DATABASE, "/v11_probe");
        String password = Files.readString(server.passwordFile()).strip();
        org.flywaydb.core.api.configuration.FluentConfiguration flyway = org.flywaydb.core.Flyway
                .configure(getClass().getClassLoader()).dataSource(url, server.user(), password).locations(SchemaMigrations.LOCATION);
        flyway.target("11").load().migrate();
        try (Connection c = java.sql.DriverManager.getConnection(url, server.user(), password); Statement s = c.createStatement()) {
            s.execute("INSERT INTO ml_model_metadata (model_name, model_version, model_format) VALUES ('sales_forecast', '1',"
                    + " 'holt_winters')");

            assertThat(flyway.target("latest").load().migrate().migrationsExecuted).isEqualTo(1);

            try (ResultSet r = s.executeQuery("SELECT model_format FROM ml_model_metadata WHERE model_name = 'sales_forecast'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("forecast");
            }
            assertThatThrownBy(() -> s.execute("INSERT INTO ml_model_metadata (model_name, model_version, model_format)"
                    + " VALUES ('sales_forecast', '2', 'holt_winters')")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("ml_model_metadata_model_format_check");
        }
    }

    @AfterAll
    void stop() {
        if (metadata != null) {
            metadata.close();
        }
    }

    @Test
    void migrationsApplyOnAnEmptyDataDirectory() throws SQLException {
        assertThat(firstMigration).isEqualTo(new SchemaMigrations.Outcome(12, "12"));
        assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();
        assertThat(query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_name <> 'flyway_schema_history'"))
                .containsExactlyInAnyOrder("metric_definitions", "report_definitions", "report_instances",
                        "segment_definitions", "ml_model_metadata", "data_pipeline_runs", "outbox_events",
                        "pseudonym_vault", "access_audit_log", "scheduled_job_fires", "alert_rules", "alert_events",
                        "report_schedules", "ml_model_stage_changes");
        // admin_users and users belong to other services: plain UUID columns; the FKs are report_instances',
        // alert_events' (V8), ml_model_stage_changes' (V9) and report_schedules' (V11)
        assertThat(query("SELECT tc.table_name || '->' || ccu.table_name"
                + " FROM information_schema.table_constraints tc"
                + " JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name"
                + " WHERE tc.constraint_type = 'FOREIGN KEY'"))
                .containsExactlyInAnyOrder("report_instances->report_definitions", "alert_events->alert_rules",
                        "report_schedules->report_definitions", "ml_model_stage_changes->ml_model_metadata");
        assertThat(query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE 'idx_%'"))
                .containsExactlyInAnyOrder("idx_metric_definitions_name", "idx_metric_definitions_tags",
                        "idx_report_definitions_name", "idx_report_instances_status",
                        "idx_report_instances_definition_id", "idx_report_instances_requested_by",
                        "idx_report_instances_expires_at",
                        "idx_segment_definitions_name", "idx_ml_model_metadata_name_version",
                        "idx_data_pipeline_runs_name_status_start_time", "idx_data_pipeline_runs_start_time_id",
                        "idx_data_pipeline_runs_name_start_time", "idx_report_instances_unfinished",
                        "idx_data_pipeline_runs_running", "idx_scheduled_job_fires_fire_time",
                        "idx_report_schedules_developer_id");
        assertThat(query("SELECT obj_description('metric_definitions'::regclass, 'pg_class')"))
                .containsExactly("Определения метрик, используемых в системе аналитики.");
    }

    @Test
    void listensOnlyOnTheLoopbackAddress() throws Exception {
        assertThat(query("SHOW listen_addresses")).containsExactly("127.0.0.1");
        assertThat(query("SHOW unix_socket_directories")).containsExactly("");
        int port = metadata.embeddedServer().orElseThrow().port();
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 2000);
        }
        for (InetAddress address : nonLoopbackIpv4Addresses()) {
            try (Socket outside = new Socket()) {
                assertThatThrownBy(() -> outside.connect(new InetSocketAddress(address, port), 2000))
                        .as("connecting on %s", address)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsDataAndMigratesNothing() throws Exception {
        try (Connection c = metadata.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO metric_definitions (name, display_name_ru, metric_type, calculation_method,"
                    + " granularity, unit, dimensions, tags, filters) VALUES ('custom_downloads', 'Загрузки',"
                    + " 'counter', 'count', 'daily', 'events', '[\"platform\"]', '[\"custom\"]',"
                    + " '{\"data.platform\": \"pc\"}')");
        }
        MetricDefinition dauBefore = metadata.metricDefinitions().findByName("dau").orElseThrow();
        int oldPort = metadata.embeddedServer().orElseThrow().port();
        metadata.close();
        metadata = null;
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", oldPort), 2000);
            }
        }).as("the server stops on close").isInstanceOf(ConnectException.class);

        // the same port again, given explicitly this time
        metadata = PostgresMetadata.open(PostgresConfig.embedded(dataDirectory, oldPort));

        assertThat(metadata.migration()).isEqualTo(new SchemaMigrations.Outcome(0, "12"));
        assertThat(metadata.embeddedServer().orElseThrow().port()).isEqualTo(oldPort);
        assertThat(metadata.metricDefinitions().findByName("dau")).contains(dauBefore);
        MetricDefinition custom = metadata.metricDefinitions().findByName("custom_downloads").orElseThrow();
        assertThat(custom.filters()).isEqualTo(Map.of("data.platform", "pc"));
        assertThat(custom.dimensions()).containsExactly("platform");
        assertThat(custom.tags()).containsExactly("custom");
        assertThat(metadata.metricDefinitions().findAll()).hasSize(16);
        try (Connection c = metadata.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM metric_definitions WHERE name = 'custom_downloads'");
        }
    }

    @Test
    void connectsToAnExternalServerWithAPasswordFile() {
        // the embedded server stands in for an external one; its password file is a real password file
        EmbeddedPostgresServer server = metadata.embeddedServer().orElseThrow();
        PostgresConfig external = PostgresConfig.external(server.jdbcUrl(), server.user(), server.passwordFile(), null);

        try (PostgresMetadata other = PostgresMetadata.open(external)) {
            assertThat(other.embeddedServer()).isEmpty();
            assertThat(other.migration()).isEqualTo(new SchemaMigrations.Outcome(0, "12"));
            assertThat(other.metricDefinitions().findByName("mau")).isPresent();
        }
        assertThat(external.toString()).doesNotContain(external.password().orElseThrow());
    }

    @Test
    void aWrongPasswordIsAStorageError() throws IOException {
        EmbeddedPostgresServer server = metadata.embeddedServer().orElseThrow();
        Path passwordFile = tempDir.resolve("pg-password");
        Files.writeString(passwordFile, "s3cret-not-logged\n");
        PostgresConfig external = PostgresConfig.external(server.jdbcUrl(), server.user(), passwordFile, null);

        assertThatThrownBy(() -> PostgresMetadata.open(external))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE))
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anUnreachableExternalServerIsAStorageError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        PostgresConfig external = PostgresConfig.external(
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/analytics?connectTimeout=2", "nobody", null, null);

        assertThatThrownBy(() -> PostgresMetadata.open(external))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
    }

    private List<String> query(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = metadata.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Set<InetAddress> nonLoopbackIpv4Addresses() throws IOException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .collect(Collectors.toSet());
    }
}
