package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClickHouseConfigTest {
    @Test
    void defaults() {
        ClickHouseConfig c = ClickHouseConfig.defaults();
        assertThat(c.database()).isEqualTo("analytics");
        assertThat(c.poolSize()).isEqualTo(3);
        assertThat(c.dataPath()).isEqualTo(Path.of("data", "clickhouse"));
        assertThat(ClickHouseConfig.under(Path.of("/srv/a")).dataPath()).isEqualTo(Path.of("/srv/a/clickhouse"));
    }

    @Test
    void rejectsNamesThatAreNotPlainIdentifiersAndSillyPools() {
        assertThatThrownBy(() -> ClickHouseConfig.defaults().withDatabase("a-b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClickHouseConfig("a", 0, Path.of("x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
