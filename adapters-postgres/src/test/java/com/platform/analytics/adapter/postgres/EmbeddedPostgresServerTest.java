package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server's client authentication, against the real server: only the password lets anyone in. */
class EmbeddedPostgresServerTest {
    @TempDir
    Path tempDir;

    @Test
    void aNewDataDirectoryRequiresThePasswordFromTheFirstStartAndAfterARestart() throws Exception {
        Path dataDirectory = tempDir.resolve("metadata/postgres");
        Path passwordFile = tempDir.resolve("metadata/secrets/metadata-postgres.password");
        String password;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            assertThat(server.passwordFile()).isEqualTo(passwordFile);
            assertThat(EmbeddedPostgresServer.passwordFileFor(dataDirectory)).isEqualTo(passwordFile);
            password = Files.readString(passwordFile);
            assertThat(password).matches("[0-9a-f]{64}");
            assertThat(server.password()).isEqualTo(password);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile.getParent())))
                    .isEqualTo("rwx------");
            assertThat(Files.list(passwordFile.getParent())).as("no temporary file is left behind")
                    .containsExactly(passwordFile);
            assertOnlyThePasswordLetsAnyoneIn(server, password);
        }
        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            assertThat(Files.readString(passwordFile)).as("the password is kept").isEqualTo(password);
            assertOnlyThePasswordLetsAnyoneIn(restarted, password);
        }
    }

    @Test
    void aTrustDataDirectoryFromAnOlderBuildIsUpgradedOnItsNextStart() throws Exception {
        Path dataDirectory = tempDir.resolve("metadata/postgres");
        Files.createDirectories(dataDirectory);
        // exactly what the older build did: zonky's initdb with trust
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start()) {
            try (Connection c = connect(old.getPort(), null)) {
                assertThat(c.isValid(2)).as("the old cluster trusts a login without a password").isTrue();
            }
        }
        assertThat(Files.readString(dataDirectory.resolve("pg_hba.conf"))).contains("trust");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        String password;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            System.setErr(originalErr);
            password = Files.readString(server.passwordFile());
            assertOnlyThePasswordLetsAnyoneIn(server, password);
        } finally {
            System.setErr(originalErr);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("the capture saw the upgrade").contains("did not require a password");
        assertThat(logged).doesNotContain(password);

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            assertOnlyThePasswordLetsAnyoneIn(restarted, password);
        }
    }

    private static void assertOnlyThePasswordLetsAnyoneIn(EmbeddedPostgresServer server, String password)
            throws SQLException, IOException {
        int port = server.port();
        assertThatThrownBy(() -> connect(port, null)).as("no password").isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> connect(port, "")).as("an empty password").isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> connect(port, password.substring(1) + "0")).as("a wrong password")
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("28P01")); // invalid_password

        try (Connection c = connect(port, password)) {
            assertThat(query(c, "SELECT current_user")).containsExactly("postgres");
            assertThat(query(c, "SHOW password_encryption")).containsExactly("scram-sha-256");
            assertThat(query(c, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'"))
                    .singleElement().asString().startsWith("SCRAM-SHA-256$");
            // the rules the server has loaded, not just the file
            assertThat(query(c, "SELECT type || ' ' || array_to_string(database, ',') || ' '"
                    + " || array_to_string(user_name, ',') || ' ' || address || ' ' || netmask || ' ' || auth_method"
                    + " || coalesce(' ' || error, '') FROM pg_hba_file_rules"))
                    .containsExactly("host all all 127.0.0.1 255.255.255.255 scram-sha-256");
        }
        String hba = Files.readString(server.dataDirectory().resolve("pg_hba.conf"));
        assertThat(hba).isEqualTo(EmbeddedPostgresServer.PG_HBA_CONF).doesNotContain("trust");
        assertThat(hba.lines().filter(line -> !line.isBlank() && !line.startsWith("#")))
                .containsExactly("host    all    all    127.0.0.1/32    scram-sha-256");
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
