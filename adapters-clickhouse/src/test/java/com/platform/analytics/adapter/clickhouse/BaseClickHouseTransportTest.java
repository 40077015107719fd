package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link ClickHouseTransport} keeps, run on each real engine: chDB in-process and a
 * ClickHouse server over HTTP (the oldest one it meets is Debian's 18.16, so the tables use only types that
 * version has: no DateTime64, no Map, no LowCardinality). One database per test class, dropped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BaseClickHouseTransportTest {
    /** Every type here exists in ClickHouse 18.16 and today's versions. */
    private static final String COLUMNS = "(id UInt64, s String, n Nullable(String), a Array(String), d Date, "
            + "t DateTime('UTC'), amount Decimal(18, 2), f Float64, i Int32)";

    protected ClickHouseTransport transport;
    protected String db;
    private int tables;

    /** Opens the transport under test on a real engine. */
    protected abstract ClickHouseTransport openTransport() throws Exception;

    /** Closes what {@link #openTransport()} opened (also when the tests failed). */
    protected abstract void closeTransport() throws Exception;

    @BeforeAll
    void open() throws Exception {
        transport = openTransport();
        db = "transport_contract_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        transport.execute("CREATE DATABASE IF NOT EXISTS " + db);
    }

    @AfterAll
    void close() throws Exception {
        try {
            if (transport != null) {
                transport.execute("DROP DATABASE IF EXISTS " + db);
            }
        } finally {
            closeTransport();
        }
    }

    private String table;

    @BeforeEach
    void freshTable() {
        table = db + ".t" + (++tables);
        transport.execute("CREATE TABLE " + table + " " + COLUMNS + " ENGINE = MergeTree ORDER BY id");
    }

    @Test
    void insertedTabSeparatedRowsComeBackAsWritten() {
        // decimals without trailing zeros: servers since 21.x no longer print them
        String rows = """
                1\tplain\t\\N\t['a','b']\t2024-02-29\t2024-02-29 23:59:59\t-12.34\t1.5\t-7
                2\t\t\t[]\t1970-01-02\t1970-01-01 00:00:01\t100.01\t0\t2147483647
                3\tthree\tsome\t['x']\t2099-12-31\t2038-01-19 03:14:08\t9999999999999999.99\t-0.25\t-2147483648
                """;
        transport.insert("INSERT INTO " + table + " (id, s, n, a, d, t, amount, f, i)", "TabSeparated", rows);

        assertThat(transport.query("SELECT id, s, n, a, d, t, amount, f, i FROM " + table + " ORDER BY id", "TabSeparated"))
                .isEqualTo(rows);
        assertThat(TabSeparatedRows.parse(transport.query("SELECT count(), sum(i) FROM " + table, "TabSeparated")))
                .containsExactly(List.of("3", "-8"));
    }

    @Test
    void unicodeAndEscapesSurviveTheRoundTrip() {
        String tricky = "tab\there, line\nbreak, back\\slash, quote' and \"double\", NUL\0, привет, 世界, 😀";
        StringBuilder row = new StringBuilder("1\t");
        // TabSeparated escapes, written by hand: the server must decode them, not store them literally
        for (char c : tricky.toCharArray()) {
            switch (c) {
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\\' -> row.append("\\\\");
                case '\0' -> row.append("\\0");
                default -> row.append(c);
            }
        }
        row.append("\t\\N\t['é\\'s']\t2024-01-01\t2024-01-01 00:00:00\t1.00\t1\t1\n");
        transport.insert("INSERT INTO " + table + " (id, s, n, a, d, t, amount, f, i)", "TabSeparated", row);

        List<List<String>> back = TabSeparatedRows.parse(transport.query(
                "SELECT s, lengthUTF8(s), a[1] FROM " + table, "TabSeparated"));
        assertThat(back).hasSize(1);
        assertThat(back.get(0).get(0)).isEqualTo(tricky);
        assertThat(back.get(0).get(1)).isEqualTo(Integer.toString(tricky.codePointCount(0, tricky.length())));
        assertThat(back.get(0).get(2)).isEqualTo("é's");
        assertThat(transport.query("SELECT 'привет, 世界 😀', length('é')", "TabSeparated")).isEqualTo("привет, 世界 😀\t2\n");
    }

    @Test
    void insertsInTheGivenFormat() {
        transport.insert("INSERT INTO " + table + " (id, s)", "CSV", "7,\"comma, and \"\"quotes\"\"\"\n8,plain\n");

        assertThat(transport.query("SELECT id, s FROM " + table + " ORDER BY id", "CSV"))
                .isEqualTo("7,\"comma, and \"\"quotes\"\"\"\n8,\"plain\"\n");
    }

    @Test
    void executeRunsInsertSelectAndEmptyResultsAreEmpty() {
        assertThat(transport.query("SELECT id FROM " + table, "TabSeparated")).isEmpty();

        transport.execute("INSERT INTO " + table + " (id, s) SELECT number, toString(number) FROM numbers(1000)");

        assertThat(transport.query("SELECT count(), sum(id), max(s) FROM " + table, "TabSeparated"))
                .isEqualTo("1000\t499500\t999\n");
    }

    @Test
    void aLargeResultArrivesWhole() {
        String result = transport.query("SELECT number, toString(number * 7) FROM numbers(500000)", "TabSeparated");

        String[] lines = result.split("\n");
        assertThat(lines).hasSize(500_000);
        assertThat(lines[0]).isEqualTo("0\t0");
        assertThat(lines[499_999]).isEqualTo("499999\t3499993");
        long sum = 0;
        for (String line : lines) {
            sum += Long.parseLong(line.substring(line.indexOf('\t') + 1));
        }
        assertThat(sum).isEqualTo(7L * 499_999L * 500_000L / 2);
    }

    @Test
    void serverErrorsCarryTheServersCodeAndMessage() {
        assertThatThrownBy(() -> transport.query("SELECT * FROM " + db + ".no_such_table", "TabSeparated"))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                    assertThat(e.detail()).contains("60").contains("no_such_table");
                });
        assertThatThrownBy(() -> transport.execute("SELEC 1"))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                    assertThat(e.detail()).contains("62").contains("Syntax error");
                });
        assertThatThrownBy(() -> transport.insert("INSERT INTO " + table + " (id, s)", "TabSeparated", "not a number\tx\n"))
                .isInstanceOf(AnalyticsException.class)
                .hasMessageContaining("not a number");
        assertThat(transport.query("SELECT count() FROM " + table, "TabSeparated")).isEqualTo("0\n");
    }

    @Test
    void aQueryOverItsTimeLimitFailsAsUnavailable() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> transport.query(
                "SELECT sum(sipHash64(number)) FROM numbers(100000000000) SETTINGS max_execution_time = 1", "TabSeparated"))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                    assertThat(e.detail()).contains("159").containsIgnoringCase("timeout exceeded");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
}
