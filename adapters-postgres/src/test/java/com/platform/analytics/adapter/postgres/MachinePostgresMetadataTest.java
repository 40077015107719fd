package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata store's server mode (cluster profile) against the machine's PostgreSQL 15: the same contract as
 * the embedded mode, through a HikariCP pool, a role with a password (SCRAM over TCP), a database of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MachinePostgresMetadataTest extends BaseMetadataStoreTest {
    private MachinePostgresServer server;
    private PostgresMetadata metadata;

    @BeforeAll
    void connect() throws Exception {
        server = MachinePostgresServer.startWithFreshDatabase();
        metadata = PostgresMetadata.open(server.config());
    }

    @Override
    protected PostgresMetadata metadata() {
        return metadata;
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (metadata != null) {
            metadata.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void migratesAFreshDatabaseOnAnExistingServerAndAgainNothing() {
        assertThat(metadata.embeddedServer()).isEmpty();
        assertThat(metadata.migration()).isEqualTo(new SchemaMigrations.Outcome(12, "12"));
        try (PostgresMetadata again = PostgresMetadata.open(server.config())) {
            assertThat(again.migration()).isEqualTo(new SchemaMigrations.Outcome(0, "12"));
        }
    }

    @Test
    void talksToPostgreSql15OverLoopbackTcp() throws Exception {
        try (Connection c = metadata.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, inet_server_addr()::text")) {
            rs.next();
            assertThat(rs.getInt(1)).isBetween(150000, 159999);
            assertThat(rs.getString(2)).startsWith("127.0.0.1");
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheServer(@TempDir Path dir) throws Exception {
        Path wrong = dir.resolve("password");
        Files.writeString(wrong, "not-the-password\n");
        PostgresConfig config = PostgresConfig.external(server.jdbcUrl(), server.user(), wrong, null);

        assertThatThrownBy(() -> PostgresMetadata.open(config))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE))
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("not-the-password");
    }
}
