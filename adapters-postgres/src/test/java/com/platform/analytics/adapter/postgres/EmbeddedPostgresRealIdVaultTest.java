package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.privacy.AuditEntry;
import com.platform.analytics.domain.privacy.EncryptedId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The vault and audit log contract on the embedded PostgreSQL server (embedded profile), and the point of a separate
 * vault table shown with two database roles (the embedded server's superuser may create them; the machine's test role
 * may not): the service's ordinary role without any access to the vault, a vault role with access to it alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedPostgresRealIdVaultTest extends BaseRealIdVaultContractTest {
    @TempDir
    static Path tempDir;

    private PostgresMetadata metadata;

    @BeforeAll
    void start() {
        metadata = PostgresMetadata.open(PostgresConfig.embedded(tempDir.resolve("pg"), 0));
    }

    @Override
    protected DataSource dataSource() {
        return metadata.dataSource();
    }

    @Test
    void theVaultCanBeGrantedToItsOwnRoleAndDeniedToTheServicesRole() throws Exception {
        try (Connection c = metadata.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE analytics_app LOGIN PASSWORD 'app-pw'");
            s.execute("CREATE ROLE analytics_vault LOGIN PASSWORD 'vault-pw'");
            s.execute("GRANT SELECT, INSERT ON access_audit_log TO analytics_app");
            s.execute("GRANT USAGE ON SEQUENCE access_audit_log_id_seq TO analytics_app");
            s.execute("REVOKE ALL ON pseudonym_vault FROM PUBLIC");
            s.execute("GRANT SELECT, INSERT ON pseudonym_vault TO analytics_vault");
        }
        EncryptedId entry = new EncryptedId("v1", new byte[12], new byte[20]);

        JooqPseudonymVault asVaultRole = new JooqPseudonymVault(as("analytics_vault", "vault-pw"));
        asVaultRole.remember(Map.of("t1_roles", entry));
        assertThat(asVaultRole.lookup(List.of("t1_roles"))).containsEntry("t1_roles", entry);

        DataSource app = as("analytics_app", "app-pw");
        new JooqAccessAuditLog(app).record(new AuditEntry("admin", Instant.parse("2026-03-15T12:00:00Z"),
                "segment.export_real_ids", "segment:x", 1, "roles"));
        assertThatThrownBy(() -> new JooqPseudonymVault(app).lookup(List.of("t1_roles")))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> new JooqAccessAuditLog(as("analytics_vault", "vault-pw")).recent(1))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
    }

    private DataSource as(String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(metadata.embeddedServer().orElseThrow().jdbcUrl());
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    @AfterAll
    void stop() {
        if (metadata != null) {
            metadata.close();
        }
    }
}
