package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.event.EventInput;
import com.platform.analytics.domain.event.EventKey;
import com.platform.analytics.domain.event.EventTypeRegistry;
import com.platform.analytics.domain.event.EventValidator;
import com.platform.analytics.domain.event.Validated;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.fact.FactRowMapper;
import com.platform.analytics.domain.fact.Mapped;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.metric.Granularity;
import com.platform.analytics.domain.metric.Measure;
import com.platform.analytics.domain.metric.MeasureQuery;
import com.platform.analytics.domain.metric.MeasureRow;
import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRow;
import com.platform.analytics.domain.analysis.retention.RetentionMode;
import com.platform.analytics.domain.analysis.retention.RetentionPeriod;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.money.CurrencyRates;
import com.platform.analytics.domain.privacy.PseudonymizationKey;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registration-cohort retention (the cohort retention analysis, as the KPI summary's D1/D7/D30 read it) on the
 * golden data set (../shared/metrics/golden), against real ClickHouse
 * (chDB): every line goes through the real domain (validation, pseudonymization, fact mapping), repeats of an
 * event key are dropped as ingestion would, and the warehouse must reproduce the independently computed
 * cohort table of expected.json exactly. A few daily measures of the same data are checked as well, so a
 * retention mismatch cannot come from a load that went wrong.
 */
class RetentionGoldenTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final LocalDate FROM = LocalDate.parse("2026-03-01");
    private static final LocalDate TO = LocalDate.parse("2026-03-22");
    private static final int MAX_DAY = 14;

    private static Path dataDir;
    private static ChdbEngine engine;
    private static ClickHouseWarehouse warehouse;
    private static Map<String, Object> expected;
    private static int uniqueEvents;

    static Path goldenDir() {
        String shared = System.getProperty("shared.dir");
        Path dir = (shared != null ? Path.of(shared) : Path.of("..", "..", "shared")).resolve("metrics/golden");
        assertThat(dir.resolve("events.jsonl")).as("the golden data set (set -Dshared.dir)").isRegularFile();
        return dir;
    }

    @BeforeAll
    static void loadTheGoldenEvents() throws Exception {
        Path golden = goldenDir();
        expected = Json.parseObject(Files.readString(golden.resolve("expected.json"), StandardCharsets.UTF_8));

        EventTypeRegistry contract = EventTypeRegistry.platformContract();
        EventValidator validator = new EventValidator(contract);
        Pseudonymizer pseudonymizer = new Pseudonymizer(
                new PseudonymizationKey("g1", "golden-retention-test-secret-0123456789".getBytes(StandardCharsets.US_ASCII)));
        FactRowMapper mapper = new FactRowMapper(contract, CurrencyRates.rubOnly());
        Instant receivedAt = Instant.parse("2026-03-23T00:00:00Z");

        Map<EventKey, FactRow> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(golden.resolve("events.jsonl"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Validated v = validator.validate(EventInput.parsed(i, Json.parse(lines.get(i))));
            assertThat(v.rejection()).as("line %d", i + 1).isNull();
            CloudEvent event = pseudonymizer.pseudonymize(v.event());
            Mapped mapped = mapper.map(event, receivedAt);
            assertThat(mapped.isRow()).as("line %d: %s", i + 1, mapped.detail()).isTrue();
            rows.putIfAbsent(event.key(), mapped.row());
        }
        uniqueEvents = rows.size();

        dataDir = Files.createTempDirectory("chdb-retention-golden");
        engine = ChdbEngine.open(dataDir, 2);
        warehouse = new ClickHouseWarehouse(engine.transport(), "retention_golden");
        warehouse.migrate();
        List<FactRow> all = new ArrayList<>(rows.values());
        // in requests of a realistic size, as the service would append them
        for (int i = 0; i < all.size(); i += 1000) {
            warehouse.append(all.subList(i, Math.min(all.size(), i + 1000)));
        }
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.transport().execute("DROP DATABASE IF EXISTS " + warehouse.database() + " SYNC");
            engine.close();
        }
    }

    @Test
    void everyEventKeyIsLoadedOnce() {
        assertThat(uniqueEvents).isEqualTo(((Number) expected.get("accepted_unique")).intValue());
        assertThat(warehouse.findExisting(List.of(new EventKey("/auth-service", "no-such-event")))).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void exactDayRetentionReproducesTheGoldenCohortTable() {
        Map<String, Map<String, Object>> want = (Map<String, Map<String, Object>>) expected.get("retention");

        List<CohortRow> cohorts = exactDayRetention(UTC);

        assertThat(cohorts).extracting(c -> c.cohort().toString()).containsExactlyElementsOf(new TreeMap<>(want).keySet());
        List<String> differences = new ArrayList<>();
        for (CohortRow c : cohorts) {
            Map<String, Object> expectedCohort = want.get(c.cohort().toString());
            long size = ((Number) expectedCohort.get("size")).longValue();
            Map<String, Object> days = (Map<String, Object>) expectedCohort.get("days");
            if (c.size() != size) {
                differences.add(c.cohort() + ": size " + c.size() + ", expected " + size);
            }
            if (c.retained().size() != days.size()) {
                differences.add(c.cohort() + ": " + c.retained().size() + " cells, expected " + days.size()
                        + " (cells past " + TO + " are absent)");
            }
            for (Map.Entry<String, Object> cell : days.entrySet()) {
                int n = Integer.parseInt(cell.getKey());
                BigDecimal expectedRate = new BigDecimal(cell.getValue().toString());
                Double rate = c.rate(n);
                if (rate == null) {
                    differences.add(c.cohort() + " day " + n + ": absent, expected " + expectedRate);
                    continue;
                }
                // expected.json rounds rates to 6 places; with cohorts of at most a few dozen users that still
                // pins the retained count exactly
                BigDecimal got = BigDecimal.valueOf(c.retained().get(n)).divide(BigDecimal.valueOf(c.size()), 6, RoundingMode.HALF_UP);
                if (got.compareTo(expectedRate) != 0) {
                    differences.add(c.cohort() + " day " + n + ": " + got + " (" + c.retained().get(n) + " of " + c.size()
                            + "), expected " + expectedRate);
                }
            }
            assertThat(c.rate(days.size())).as("%s: the cell for day %d is past the range", c.cohort(), days.size()).isNull();
        }
        assertThat(differences).as("differences from expected.json retention").isEmpty();
    }

    @Test
    void theEventsPathForOtherZonesAgreesWithTheUtcMartPath() {
        // Africa/Abidjan has kept UTC+0 since 1912 but is not a fixed-offset zone, so the retention SQL reads the
        // events table with zone conversion instead of the UTC activity mart: both must give the same table
        ZoneId utcInPractice = ZoneId.of("Africa/Abidjan");
        assertThat(utcInPractice.normalized()).isNotEqualTo(java.time.ZoneOffset.UTC);

        assertThat(exactDayRetention(utcInPractice)).isEqualTo(exactDayRetention(UTC));
    }

    /** Registration cohorts by day, exact day-N retention up to {@link #MAX_DAY}, any activity as the return. */
    private static List<CohortRow> exactDayRetention(ZoneId zone) {
        return new ClickHouseCohortRetention(engine.transport(), warehouse.database()).retention(DataScope.ALL_GAMES, new CohortRetentionQuery(
                new AnalysisRange(FROM, TO, zone), RetentionPeriod.DAY, MAX_DAY, RetentionMode.EXACT,
                EventTypes.USER_REGISTERED, null)).cohorts();
    }

    @Test
    @SuppressWarnings("unchecked")
    void dailyMeasuresOfTheSameLoadMatchTheGoldenValues() {
        Map<String, Map<String, Object>> daily = (Map<String, Map<String, Object>>) expected.get("daily");
        Map<Measure, String> metricOf = Map.of(
                Measure.ACTIVE_USERS, "dau", Measure.NEW_USERS, "new_users", Measure.GROSS_REVENUE, "gross_revenue");
        List<String> differences = new ArrayList<>();
        for (Map.Entry<Measure, String> m : metricOf.entrySet()) {
            Map<LocalDate, BigDecimal> got = new TreeMap<>();
            for (MeasureRow r : warehouse.measure(new MeasureQuery(m.getKey(), FROM, TO, Granularity.DAY, UTC, List.of(), Map.of()))) {
                got.put(r.bucket(), r.value());
            }
            for (Map.Entry<String, Map<String, Object>> day : daily.entrySet()) {
                BigDecimal want = new BigDecimal(day.getValue().get(m.getValue()).toString());
                BigDecimal value = got.getOrDefault(LocalDate.parse(day.getKey()), BigDecimal.ZERO);
                if (value.compareTo(want) != 0) {
                    differences.add(m.getValue() + " " + day.getKey() + ": " + value.toPlainString() + ", expected " + want);
                }
            }
        }
        assertThat(daily).hasSize(22);
        assertThat(differences).as("differences from expected.json daily").isEmpty();
    }
}
