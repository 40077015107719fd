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

    /** Values bound as query parameters arrive as values, whatever their text, and leave no trace in the SQL. */
    @org.junit.jupiter.api.Test
    void parametersAreBoundAsValuesHostileOnesIncluded() {
        String table = db + ".bound";
        transport.execute("CREATE TABLE " + table + " (s String, n Int64, d Decimal128(2)) ENGINE = MergeTree ORDER BY s");
        java.util.List<String> hostile = java.util.List.of("it's", "'); DROP TABLE " + table + "; --", "back\\slash",
                "tab\tnew\nline", "{s:String}", "ё🎮");
        for (int i = 0; i < hostile.size(); i++) {
            transport.execute("INSERT INTO " + table + " SELECT {s:String}, {n:Int64}, toDecimal128({d:String}, 2)",
                    java.util.Map.of("s", hostile.get(i), "n", Integer.toString(i), "d", i + ".25"));
        }

        java.util.List<java.util.List<String>> rows = TabSeparatedRows.parse(engine.transport().query(
                "SELECT s, n, d FROM " + table + " ORDER BY n", "TabSeparated"));
        org.assertj.core.api.Assertions.assertThat(rows).extracting(r -> r.get(0)).containsExactlyElementsOf(hostile);
        org.assertj.core.api.Assertions.assertThat(rows).extracting(r -> r.get(2)).containsExactly("0.25", "1.25", "2.25",
                "3.25", "4.25", "5.25");
        org.assertj.core.api.Assertions.assertThat(((ChdbTransport) transport).query("SELECT count() FROM " + table
                + " WHERE s = {s:String}", "TabSeparated", java.util.Map.of("s", "it's")).trim()).isEqualTo("1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transport.execute("SELECT {x:String}",
                java.util.Map.of("Bad-Name", "x"))).isInstanceOf(IllegalArgumentException.class);
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
