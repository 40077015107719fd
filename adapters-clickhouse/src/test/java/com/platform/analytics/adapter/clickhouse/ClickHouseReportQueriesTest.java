package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.report.ReportColumn;
import com.platform.analytics.port.out.ReportQueryEngine;
import com.platform.analytics.port.out.ReportQueryEngine.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The report engine on real chDB: bound parameters, read-only mode, row and time limits, pages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseReportQueriesTest {
    private static final Limits ROOMY = new Limits(1_000_000, Duration.ofSeconds(30), 100_000);
    private Path dataDir;
    private ChdbEngine chdb;
    private ClickHouseReportQueries engine;

    @BeforeAll
    void open() throws Exception {
        dataDir = Files.createTempDirectory("chdb-reports-test");
        chdb = ChdbEngine.open(dataDir, 2);
        engine = new ClickHouseReportQueries(new ChdbParameterizedQueries(chdb));
        chdb.transport().execute("CREATE TABLE IF NOT EXISTS default.report_victim (a String) ENGINE = MergeTree ORDER BY a");
    }

    @AfterAll
    void close() throws Exception {
        if (chdb != null) {
            chdb.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Collects what the engine hands over, and the size of every chunk. */
    static final class Collected implements ReportQueryEngine.RowSink {
        final List<List<ReportColumn>> headers = new ArrayList<>();
        final List<List<String>> rows = new ArrayList<>();
        final List<Integer> chunkSizes = new ArrayList<>();

        @Override
        public void columns(List<ReportColumn> columns) {
            headers.add(columns);
        }

        @Override
        public void chunk(List<List<String>> chunk) {
            chunkSizes.add(chunk.size());
            rows.addAll(chunk);
        }
    }

    private Collected run(String sql, Map<String, String> parameters, Limits limits) {
        Collected c = new Collected();
        engine.run(sql, parameters, limits, c);
        return c;
    }

    @Test
    void parametersAreBoundAsValuesEvenHostileOnes() {
        String hostile = "x' OR 1=1) UNION ALL SELECT name FROM system.tables; DROP TABLE default.report_victim -- \\' \t\n{s:String}";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("s", hostile);
        params.put("d", "2026-03-01");
        params.put("n", "-42");
        Collected c = run("SELECT {s:String} AS s, {d:Date} + 1 AS next_day, {n:Int64} * 2 AS twice, "
                + "length({s:String}) AS len", params, ROOMY);

        assertThat(c.headers).containsExactly(List.of(new ReportColumn("s", "String"), new ReportColumn("next_day", "Date"),
                new ReportColumn("twice", "Int64"), new ReportColumn("len", "UInt64")));
        assertThat(c.rows).containsExactly(List.of(hostile, "2026-03-02", "-84", String.valueOf(hostile.getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length)));
        assertThat(chdb.transport().query("EXISTS TABLE default.report_victim", "TabSeparated").strip()).isEqualTo("1");
    }

    @Test
    void aValueThatIsNotOfThePlaceholdersTypeIsRefusedByTheEngine() {
        assertThatThrownBy(() -> run("SELECT {d:Date} AS d", Map.of("d", "2026-03-01' OR '1"), ROOMY))
                .isInstanceOf(AnalyticsException.class);
    }

    @Test
    void theQueryRunsReadOnly() {
        Collected c = run("SELECT getSetting('readonly') AS ro", Map.of(), ROOMY);
        assertThat(c.rows).containsExactly(List.of("1"));
    }

    @Test
    void aWriteThatGotPastTheTemplateCheckIsRefusedByReadOnlyMode() {
        // a transport that turns the engine's statement into a write, keeping the settings the engine appends: what
        // a template the check misread would amount to
        ParameterizedQueries rewriting = (sql, format, parameters) -> new ChdbParameterizedQueries(chdb)
                .query("INSERT INTO default.report_victim " + sql.substring(0, sql.indexOf(") ORDER BY ALL"))
                        + ")" + sql.substring(sql.indexOf("\nSETTINGS")), "TabSeparated", parameters);
        ClickHouseReportQueries misled = new ClickHouseReportQueries(rewriting);

        assertThatThrownBy(() -> misled.run("SELECT 'written' AS a", Map.of(), ROOMY, new Collected()))
                .isInstanceOf(AnalyticsException.class).hasMessageContaining("readonly");
        assertThat(chdb.transport().query("SELECT count() FROM default.report_victim", "TabSeparated").strip()).isEqualTo("0");
    }

    @Test
    void aTemplateWithASecondStatementIsRefusedBeforeItRuns() {
        assertThatThrownBy(() -> run("SELECT 1; DROP TABLE default.report_victim", Map.of(), ROOMY))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REPORT_GENERATION_FAILED))
                .hasMessageContaining("second statement");
        assertThatThrownBy(() -> run("SELECT {missing:String}", Map.of(), ROOMY)).hasMessageContaining("missing");
    }

    @Test
    void rowsComeInChunksOfAtMostTheChunkSizeInOneOrder() {
        Collected c = run("SELECT number AS n, toString(number) AS s FROM numbers(250000)", Map.of(),
                new Limits(1_000_000, Duration.ofSeconds(60), 100_000));

        assertThat(c.headers).hasSize(1);
        assertThat(c.chunkSizes).containsExactly(100_000, 100_000, 50_000);
        assertThat(c.rows).hasSize(250_000);
        for (int i = 0; i < c.rows.size(); i++) {
            if (!c.rows.get(i).get(0).equals(String.valueOf(i))) {
                throw new AssertionError("row " + i + " is " + c.rows.get(i));
            }
        }
    }

    @Test
    void moreRowsThanTheLimitFailTheReport() {
        assertThat(run("SELECT number FROM numbers(1000)", Map.of(), new Limits(1000, Duration.ofSeconds(30), 300)).rows)
                .hasSize(1000);
        assertThatThrownBy(() -> run("SELECT number FROM numbers(1001)", Map.of(), new Limits(1000, Duration.ofSeconds(30), 300)))
                .hasMessageContaining("more than 1000 rows");
    }

    @Test
    void aQueryRunningPastTheTimeLimitFails() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> run("SELECT sleepEachRow(0.1) AS z, number FROM numbers(20)", Map.of(),
                new Limits(1000, Duration.ofSeconds(1), 100)))
                .isInstanceOf(AnalyticsException.class).hasMessageContaining("TIMEOUT_EXCEEDED");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void nullsAndEscapedTextComeBackAsTheyAre() {
        Collected c = run("SELECT number AS n, if(number = 1, NULL, 'a\tb\\\\N') AS s, 'N' AS t FROM numbers(2)", Map.of(), ROOMY);
        assertThat(c.rows).containsExactly(List.of("0", "a\tb\\N", "N"), java.util.Arrays.asList("1", null, "N"));
        assertThat(c.headers.get(0).get(1).type()).isEqualTo("Nullable(String)");
    }
}
