package com.platform.analytics.adapter.clickhouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The transport contract on chDB, the embedded profile's engine. */
class ChdbTransportTest extends BaseClickHouseTransportTest {
    private Path dataDir;
    private ChdbEngine engine;

    @Override
    protected ClickHouseTransport openTransport() throws Exception {
        dataDir = Files.createTempDirectory("chdb-transport-test");
        engine = ChdbEngine.open(dataDir, 2);
        return engine.transport();
    }

    /** Every connection inserts synchronously: the warehouse answers only once rows are stored. */
    @org.junit.jupiter.api.Test
    void insertsAreSynchronousOnEveryConnection() throws Exception {
        for (int i = 0; i < 4; i++) {
            org.assertj.core.api.Assertions.assertThat(engine.transport().query(
                    "SELECT value FROM system.settings WHERE name = 'async_insert'", "TabSeparated").trim()).isEqualTo("0");
        }
    }

    @Override
    protected void closeTransport() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
