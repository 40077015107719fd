package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.adapter.postgres.PostgresConfig.Mode;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresConfigTest {
    private static final Path DEFAULT_DIR = Path.of("data/metadata/postgres");

    @TempDir
    Path tempDir;

    @Test
    void defaultsToTheEmbeddedServerOnAFreePort() {
        PostgresConfig config = PostgresConfig.fromProperties(Map.of("http.port", "8080"), DEFAULT_DIR);

        assertThat(config).isEqualTo(new PostgresConfig(Mode.EMBEDDED, DEFAULT_DIR, 0, null, null, null, null, 4));
        assertThat(config).isEqualTo(PostgresConfig.embedded(DEFAULT_DIR, 0));
    }

    @Test
    void readsEveryKey() {
        PostgresConfig embedded = PostgresConfig.fromProperties(Map.of(
                "metadata.mode", "embedded",
                "metadata.data-dir", "/var/lib/analytics/pg",
                "metadata.port", "5433",
                "metadata.pool-size", "8"), DEFAULT_DIR);
        assertThat(embedded).isEqualTo(
                new PostgresConfig(Mode.EMBEDDED, Path.of("/var/lib/analytics/pg"), 5433, null, null, null, null, 8));

        PostgresConfig external = PostgresConfig.fromProperties(Map.of(
                "metadata.mode", "EXTERNAL",
                "metadata.jdbc-url", "jdbc:postgresql://db:5432/analytics",
                "metadata.user", "analytics",
                "metadata.password-file", "/run/secrets/pg",
                "metadata.password-env", "PG_PASSWORD"), DEFAULT_DIR);
        assertThat(external).isEqualTo(new PostgresConfig(Mode.EXTERNAL, DEFAULT_DIR, 0,
                "jdbc:postgresql://db:5432/analytics", "analytics", Path.of("/run/secrets/pg"), "PG_PASSWORD", 4));
    }

    @Test
    void rejectsUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> PostgresConfig.fromProperties(Map.of("metadata.prot", "5432"), DEFAULT_DIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.prot");
        assertThatThrownBy(() -> PostgresConfig.fromProperties(Map.of("metadata.mode", "cloud"), DEFAULT_DIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedded or external");
        assertThatThrownBy(() -> PostgresConfig.fromProperties(Map.of("metadata.port", "x"), DEFAULT_DIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.port");
        assertThatThrownBy(() -> PostgresConfig.embedded(DEFAULT_DIR, 70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.port");
        assertThatThrownBy(() -> PostgresConfig.fromProperties(Map.of("metadata.pool-size", "0"), DEFAULT_DIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.pool-size");
        assertThatThrownBy(() -> PostgresConfig.external("postgres://db/x", "u", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.jdbc-url");
        assertThatThrownBy(() -> PostgresConfig.external("jdbc:postgresql://db/x", " ", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.user");
    }

    @Test
    void readsThePasswordFromTheFileFirstThenTheEnvironment() throws IOException {
        Path file = tempDir.resolve("pg-password");
        Files.writeString(file, "from-file\n");
        Map<String, String> env = Map.of("PG_PASSWORD", "from-env");

        assertThat(PostgresConfig.external("jdbc:postgresql://db/x", "u", file, "PG_PASSWORD").password(env::get))
                .contains("from-file");
        assertThat(PostgresConfig.external("jdbc:postgresql://db/x", "u", null, "PG_PASSWORD").password(env::get))
                .contains("from-env");
        assertThat(PostgresConfig.external("jdbc:postgresql://db/x", "u", null, null).password(env::get)).isEmpty();
        assertThatThrownBy(() -> PostgresConfig.external("jdbc:postgresql://db/x", "u", null, "MISSING")
                .password(env::get))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE))
                .hasMessageContaining("MISSING");
        assertThatThrownBy(() -> PostgresConfig.external("jdbc:postgresql://db/x", "u", tempDir.resolve("none"), null)
                .password(env::get))
                .isInstanceOf(AnalyticsException.class).hasMessageContaining("password file");
    }

    @Test
    void neverPrintsThePassword() throws IOException {
        Path file = tempDir.resolve("pg-password");
        Files.writeString(file, "hunter2");
        PostgresConfig config = PostgresConfig.external("jdbc:postgresql://db/x", "u", file, null);

        assertThat(config.password()).contains("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2");
    }
}
