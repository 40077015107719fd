package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.report.SqlTemplate;
import com.platform.analytics.port.out.ReportQueryEngine.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SQL report definitions seeded by the metadata store's migration V6, run as written on chDB over the
 * warehouse's own schema (database {@code analytics}, as the templates name it), against sums made by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeededReportTemplatesTest {
    private static final Path V6 = Path.of("../adapters-postgres/src/main/resources/db/migration/V6__reports.sql");
    private static final Limits LIMITS = new Limits(10_000, Duration.ofSeconds(30), 1000);
    private Path dataDir;
    private ChdbEngine chdb;
    private ClickHouseReportQueries engine;
    private List<String> templates;

    @BeforeAll
    void open() throws Exception {
        templates = sqlLiteralsStartingWithSelect(Files.readString(V6, StandardCharsets.UTF_8));
        dataDir = Files.createTempDirectory("chdb-seeded-reports");
        chdb = ChdbEngine.open(dataDir, 2);
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(chdb.transport(), "analytics");
        warehouse.migrate();
        warehouse.append(List.of(
                FactRows.event(EventTypes.TRANSACTION_COMPLETED, "2026-02-01T00:00:00Z", "u1").on("pc", "RU").game("g1", "game")
                        .paid("100.00", "RUB", "100.00").build(),
                FactRows.event(EventTypes.TRANSACTION_COMPLETED, "2026-02-28T23:59:59.999Z", "u2").on("pc", "RU").game("g1", "dlc")
                        .paid("50.50", "RUB", "50.50").build(),
                FactRows.event(EventTypes.TRANSACTION_COMPLETED, "2026-02-10T12:00:00Z", "u1").on("pc", "RU").game("g1", "dlc")
                        .paid("10.00", "RUB", "10.00").build(),
                FactRows.event(EventTypes.TRANSACTION_COMPLETED, "2026-02-15T12:00:00Z", "u3").on("mobile", "KZ").game("g2", "game")
                        .paid("7.00", "USD", "630.00").build(),
                // outside the month, either side
                FactRows.event(EventTypes.TRANSACTION_COMPLETED, "2026-03-01T00:00:00Z", "u1").on("pc", "RU").game("g1", "game")
                        .paid("999.00", "RUB", "999.00").build(),
                FactRows.event(EventTypes.TRANSACTION_COMPLETED, "2026-01-31T23:59:59.999Z", "u1").on("pc", "RU").game("g1", "game")
                        .paid("999.00", "RUB", "999.00").build(),
                FactRows.event(EventTypes.SESSION_ENDED, "2026-02-03T10:00:00Z", "u1").on("pc", "RU").game("g1", "").lasting(600).build(),
                FactRows.event(EventTypes.SESSION_ENDED, "2026-02-04T10:00:00Z", "u2").on("pc", "RU").game("g1", "").lasting(60).build(),
                FactRows.event(EventTypes.SESSION_ENDED, "2026-02-05T10:00:00Z", "u3").on("mobile", "KZ").game("g2", "").lasting(5).build()));
        engine = new ClickHouseReportQueries(new ChdbParameterizedQueries(chdb));
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

    /** The SQL string literals of the migration that hold a SELECT, unescaped ('' is '). */
    static List<String> sqlLiteralsStartingWithSelect(String migration) {
        List<String> found = new ArrayList<>();
        int at = 0;
        while ((at = migration.indexOf("'SELECT ", at)) >= 0) {
            StringBuilder sql = new StringBuilder();
            int i = at + 1;
            while (true) {
                char c = migration.charAt(i);
                if (c == '\'' && migration.charAt(i + 1) == '\'') {
                    sql.append('\'');
                    i += 2;
                } else if (c == '\'') {
                    break;
                } else {
                    sql.append(c);
                    i++;
                }
            }
            found.add(sql.toString());
            at = i + 1;
        }
        return found;
    }

    private List<List<String>> run(String template, Map<String, String> parameters) {
        SqlTemplate.parse(template);
        ClickHouseReportQueriesTest.Collected c = new ClickHouseReportQueriesTest.Collected();
        engine.run(template, parameters, LIMITS, c);
        return c.rows;
    }

    @Test
    void monthlySalesSumTheMonthOfOneDeveloper() {
        String sales = templates.get(0);
        assertThat(sales).contains("{developer_id:String}");
        assertThat(run(sales, Map.of("developer_id", "dev-1", "month", "2026-02-14"))).containsExactly(
                List.of("2026-02-01", "dev-1", "g1", "RU", "3", "2", "160.5"),
                List.of("2026-02-01", "dev-1", "g2", "KZ", "1", "1", "630"));
        assertThat(run(sales, Map.of("developer_id", "dev-2", "month", "2026-02-14"))).isEmpty();
        assertThat(run(sales, Map.of("developer_id", "dev-1' OR '1'='1", "month", "2026-02-14"))).isEmpty();
    }

    @Test
    void activityCountsUsersEventsAndPlayTimeByGameCountryAndPlatform() {
        String activity = templates.get(1);
        assertThat(run(activity, Map.of("from", "2026-02-01", "to", "2026-02-28"))).containsExactly(
                List.of("g1", "RU", "pc", "2", "5", "660"),
                List.of("g2", "KZ", "mobile", "1", "2", "5"));
    }
}
