package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.adapter.clickhouse.ClickHouseHttpTransport.Failure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseHttpConfigTest {
    private static final URI LOCAL = URI.create("http://127.0.0.1:8123");

    @Test
    void defaultsAreSafeForOldServers() {
        ClickHouseHttpConfig c = ClickHouseHttpConfig.of(LOCAL, "analytics", "svc", "s3cret");

        assertThat(c.compression()).isFalse();
        assertThat(c.maxRetries()).isEqualTo(3);
        assertThat(c.queryTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.socketTimeout()).isGreaterThan(c.queryTimeout());
        assertThat(c.toString()).doesNotContain("s3cret").contains("password=(set)");
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> ClickHouseHttpConfig.of(URI.create("ftp://h:1"), "a", "u", ""))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> ClickHouseHttpConfig.of(LOCAL, "a-b", "u", "")).hasMessageContaining("database");
        assertThatThrownBy(() -> ClickHouseHttpConfig.of(LOCAL, "a", "u", "").withMaxRetries(-1))
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> ClickHouseHttpConfig.of(LOCAL, "a", "u", "")
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500)))
                .hasMessageContaining("queryTimeout");
        assertThatThrownBy(() -> ClickHouseHttpConfig.of(LOCAL, "a", "u", "").withServerSettings(Map.of("x=1&y", "2")))
                .hasMessageContaining("setting name");
    }

    @Test
    void failuresAreClassifiedByWhetherTheStatementCanHaveArrived() {
        assertThat(ClickHouseHttpTransport.classify(new RuntimeException(new ConnectException("refused"))))
                .isEqualTo(Failure.NOT_SENT);
        assertThat(ClickHouseHttpTransport.classify(new RuntimeException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo(Failure.TIMED_OUT);
        assertThat(ClickHouseHttpTransport.classify(new RuntimeException(new IOException("reset"))))
                .isEqualTo(Failure.LOST);
        assertThat(ClickHouseHttpTransport.classify(new IllegalStateException("misconfigured")))
                .isEqualTo(Failure.CLIENT);
    }
}
