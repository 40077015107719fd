package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.adapter.clickhouse.ClickHouseHttpTransport.Failure;
import com.platform.analytics.adapter.clickhouse.ClickHouseHttpTransport.Kind;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The transport contract over HTTP on a real ClickHouse server (Debian's 18.16 where {@code .ci/run} or this
 * test starts it), plus what only a server has: settings and query ids per statement, the client's socket
 * timeout, retries of a refused connection.
 */
class ClickHouseHttpTransportTest extends BaseClickHouseTransportTest {
    private ClickHouseServerProcess server;
    private ClickHouseHttpTransport http;

    @Override
    protected ClickHouseTransport openTransport() throws Exception {
        server = ClickHouseServerProcess.startOrFind();
        http = new ClickHouseHttpTransport(config(server.url()));
        return http;
    }

    @Override
    protected void closeTransport() throws Exception {
        try {
            if (http != null) {
                http.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The server's user: {@code default} without a password, unless {@code CLICKHOUSE_HTTP_USER}/{@code _PASSWORD} say otherwise. */
    private static ClickHouseHttpConfig config(URI url) {
        String user = System.getenv().getOrDefault("CLICKHOUSE_HTTP_USER", "default");
        String password = System.getenv().getOrDefault("CLICKHOUSE_HTTP_PASSWORD", "");
        return ClickHouseHttpConfig.of(url, "default", user, password)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(20));
    }

    /**
     * Query parameters go as {@code param_<name>} URL parameters. The server here (18.16) predates query parameters
     * and refuses them as unknown settings, which shows they reach it under that name; binding itself is proven on
     * chDB (ChdbTransportTest), and would be on a server of 19.x or later.
     */
    @Test
    void queryParametersReachTheServerAsParamSettings() {
        String version = http.query("SELECT version()", "TabSeparated").trim();
        if (Integer.parseInt(version.split("\\.")[0]) < 19) {
            assertThatThrownBy(() -> http.execute("SELECT {s:String}", Map.of("s", "x")))
                    .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.getMessage()).contains("param_s"));
        } else {
            http.execute("CREATE TABLE " + db + ".bound (s String) ENGINE = MergeTree ORDER BY s");
            http.execute("INSERT INTO " + db + ".bound SELECT {s:String}", Map.of("s", "it's \\ \t"));
            assertThat(http.query("SELECT s FROM " + db + ".bound", "TabSeparated")).isEqualTo("it's \\\\ \\t\n");
        }
    }

    @Test
    void everyStatementCarriesTheConfiguredAndItsOwnSettings() {
        String sql = "SELECT name, value FROM system.settings WHERE name IN ('max_execution_time', 'max_threads') ORDER BY name";

        assertThat(http.query(sql, "TabSeparated", Map.of("max_threads", "3")))
                .isEqualTo("max_execution_time\t20\nmax_threads\t3\n");
    }

    @Test
    void everyStatementHasItsOwnQueryId() {
        String sql = "SELECT query_id FROM system.processes WHERE query LIKE '%query-id-marker%'";

        String first = http.query(sql, "TabSeparated").strip();
        String second = http.query(sql, "TabSeparated").strip();

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(second).matches("[0-9a-f-]{36}").isNotEqualTo(first);
        assertThatThrownBy(() -> http.query("SELECT * FROM " + db + ".missing", "TabSeparated"))
                .hasMessageMatching("(?s).*query id [0-9a-f-]{36}.*");
    }

    @Test
    void aStatementSilentPastTheSocketTimeoutFailsAsUnavailableWithoutRetry() {
        ClickHouseHttpConfig impatient = config(server.url())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(800), Duration.ofSeconds(20));
        try (ClickHouseHttpTransport transport = new ClickHouseHttpTransport(impatient)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> transport.query("SELECT sleep(3)", "TabSeparated"))
                    .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                        assertThat(e.detail()).contains("did not answer within the socket timeout of 800 ms")
                                .contains("1 attempt)");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2900));
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedAsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClickHouseHttpConfig nowhere = config(URI.create("http://127.0.0.1:" + closedPort)).withMaxRetries(2);
        try (ClickHouseHttpTransport transport = new ClickHouseHttpTransport(nowhere)) {
            assertThatThrownBy(() -> transport.insert("INSERT INTO " + db + ".t1 (id)", "TabSeparated", "1\n"))
                    .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                        assertThat(e.detail()).contains("could not connect to ClickHouse at http://127.0.0.1:" + closedPort)
                                .contains("3 attempts");
                    });
        }
    }

    @Test
    void onlyWhatCannotBeStoredTwiceIsSentAgain() {
        assertThat(ClickHouseHttpTransport.retryable(Kind.WRITE, Failure.NOT_SENT)).isTrue();
        assertThat(ClickHouseHttpTransport.retryable(Kind.WRITE, Failure.LOST)).isFalse();
        assertThat(ClickHouseHttpTransport.retryable(Kind.WRITE, Failure.SERVER_TRANSIENT)).isFalse();
        assertThat(ClickHouseHttpTransport.retryable(Kind.READ, Failure.LOST)).isTrue();
        assertThat(ClickHouseHttpTransport.retryable(Kind.READ, Failure.SERVER_TRANSIENT)).isTrue();
        assertThat(ClickHouseHttpTransport.retryable(Kind.READ, Failure.SERVER)).isFalse();
        assertThat(ClickHouseHttpTransport.retryable(Kind.READ, Failure.TIMED_OUT)).isFalse();
    }
}
