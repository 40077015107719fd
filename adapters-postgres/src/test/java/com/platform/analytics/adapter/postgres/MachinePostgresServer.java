package com.platform.analytics.adapter.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The machine's PostgreSQL 15 server (Debian's cluster, started on 127.0.0.1 by {@code .ci/start-postgres.sh},
 * which {@code .ci/run} also calls), with a fresh database per test class, dropped at {@link #close}. Not a
 * fake and not skipped: if the server cannot be started the test fails with the script's own message.
 */
public final class MachinePostgresServer implements AutoCloseable {
    private final String adminUrl;
    private final Path passwordFile;
    private final String database;

    private MachinePostgresServer(String adminUrl, Path passwordFile, String database) {
        this.adminUrl = adminUrl;
        this.passwordFile = passwordFile;
        this.database = database;
    }

    public static MachinePostgresServer startWithFreshDatabase() throws IOException, InterruptedException, SQLException {
        Path script = projectRoot().resolve(".ci/start-postgres.sh");
        Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(script + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
        String url = lines.get(0);
        Path passwordFile = Path.of(lines.get(1));
        String database = "analytics_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        MachinePostgresServer server = new MachinePostgresServer(url, passwordFile, database);
        server.execute("CREATE DATABASE " + database);
        return server;
    }

    public String jdbcUrl() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
    }

    public String user() {
        return "analytics_test";
    }

    public Path passwordFile() {
        return passwordFile;
    }

    PostgresConfig config() {
        return PostgresConfig.external(jdbcUrl(), user(), passwordFile, null);
    }

    private void execute(String sql) throws SQLException, IOException {
        String password = Files.readString(passwordFile).strip();
        try (Connection c = DriverManager.getConnection(adminUrl, user(), password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException, IOException {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".ci/start-postgres.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no .ci/start-postgres.sh above " + Path.of("").toAbsolutePath());
    }
}
