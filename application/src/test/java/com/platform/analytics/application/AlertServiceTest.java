package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.alert.AlertEvent;
import com.platform.analytics.domain.alert.AlertRule;
import com.platform.analytics.domain.alert.AlertRuleDraft;
import com.platform.analytics.domain.alert.AlertStatus;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.metric.MetricSeries.Point;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.in.AlertsUseCase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service end to end over a fake metric source: the proof (a planted DAU drop in ten weeks of seasonal
 * data alerts once, on its day, and resolves; ordinary weekly seasonality does not alert; a naive threshold does),
 * the announcement's payload, de-duplication across repeated evaluations, failures of one rule.
 */
class AlertServiceTest {
    static final LocalDate FIRST = LocalDate.parse("2026-01-05"); // a Monday
    static final int DAYS = 70;
    static final double[] WEEKLY = {0.85, 0.80, 0.82, 0.88, 1.00, 1.35, 1.45};
    static final LocalDate DROP_DAY = FIRST.plusWeeks(9).plusDays(5); // Saturday 2026-03-14

    private final InMemoryAlertStores stores = new InMemoryAlertStores();
    private final SeriesMetricQueries metrics = new SeriesMetricQueries();
    private final AlertService service = new AlertService(stores, stores, metrics,
            Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));

    /** Ten weeks of daily DAU, weekends 35-45% above weekdays, 2% noise; 40% less on {@code dropDay} (if any). */
    static List<Point> dau(long seed, LocalDate dropDay) {
        Random random = new Random(seed);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            LocalDate day = FIRST.plusDays(i);
            double value = 10_000 * WEEKLY[day.getDayOfWeek().getValue() - 1] * (1 + 0.02 * random.nextGaussian());
            points.add(new Point(day, BigDecimal.valueOf(Math.round(day.equals(dropDay) ? value * 0.6 : value))));
        }
        return points;
    }

    private AlertRule rule(String json) {
        return service.createRule(AlertRuleDraft.fromJson(Json.parseObject(json)));
    }

    /** The scheduler's morning run after {@code day}: 06:00 UTC the next day. */
    private static Instant morningAfter(LocalDate day) {
        return day.plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC);
    }

    /** Evaluates every morning of weeks 9 and 10 (8 weeks of history before each). */
    private List<AlertsUseCase.EvaluationRun> everyMorning() {
        List<AlertsUseCase.EvaluationRun> runs = new ArrayList<>();
        for (LocalDate day = FIRST.plusWeeks(8); day.isBefore(FIRST.plusDays(DAYS)); day = day.plusDays(1)) {
            runs.add(service.evaluateDue(morningAfter(day)));
        }
        return runs;
    }

    @BeforeEach
    void seasonalDau() {
        metrics.series.put("dau", List.of(new MetricSeries(Map.of(), dau(1, DROP_DAY))));
    }

    @Test
    void aPlantedDauDropAlertsOnceOnItsDayAndResolvesAndSeasonalityDoesNot() {
        AlertRule anomaly = rule("{\"name\":\"DauAnomaly\",\"metric\":\"dau\",\"severity\":\"critical\","
                + "\"condition\":{\"type\":\"anomaly\",\"periods\":8,\"minHistory\":6}}");
        AlertRule sameWeekday = rule("{\"name\":\"DauDropSameWeekday\",\"metric\":\"dau\",\"condition\":{\"type\":\"relative_change\","
                + "\"direction\":\"drop\",\"percent\":30,\"periods\":4,\"baseline\":\"same_weekday\"}}");
        AlertRule naive = rule("{\"name\":\"DauBelow9000\",\"metric\":\"dau\",\"severity\":\"info\","
                + "\"condition\":{\"type\":\"threshold\",\"operator\":\"<\",\"value\":9000}}");

        List<AlertsUseCase.EvaluationRun> runs = everyMorning();

        assertThat(runs).allSatisfy(r -> assertThat(r.failures()).isEmpty());
        for (AlertRule seasonal : List.of(anomaly, sameWeekday)) {
            List<AlertEvent> events = stores.eventsOf(seasonal.id());
            assertThat(events).as(seasonal.name()).hasSize(1);
            AlertEvent drop = events.get(0);
            assertThat(drop.period()).isEqualTo(DROP_DAY);
            assertThat(drop.triggeredAt()).isEqualTo(morningAfter(DROP_DAY));
            // the next day is an ordinary Sunday: the condition cleared
            assertThat(drop.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(drop.resolvedAt()).isEqualTo(morningAfter(DROP_DAY.plusDays(1)));
        }
        AlertEvent anomalyEvent = stores.eventsOf(anomaly.id()).get(0);
        assertThat(anomalyEvent.observedValue()).isBetween(7_500.0, 8_500.0);
        assertThat(anomalyEvent.expectedValue()).isBetween(13_000.0, 14_000.0);
        assertThat(anomalyEvent.deviation()).isLessThan(-15);

        // the naive threshold alerts on every ordinary Monday-to-Thursday stretch (opening once per stretch), and on the drop
        List<AlertEvent> naiveEvents = stores.eventsOf(naive.id());
        assertThat(naiveEvents).extracting(AlertEvent::period)
                .containsExactly(FIRST.plusWeeks(8), FIRST.plusWeeks(9), DROP_DAY);
        assertThat(naiveEvents.get(0).resolvedAt()).as("resolved by the Friday, ordinary at about 10 000")
                .isEqualTo(morningAfter(FIRST.plusWeeks(8).plusDays(4)));
        System.out.println("naive threshold events: " + naiveEvents.stream().map(AlertEvent::description).toList());

        // one announcement per opened event, in order
        assertThat(stores.announced).hasSize(5);
        assertThat(metrics.scopes).containsOnly(DataScope.ALL_GAMES);
    }

    @Test
    void theAnnouncementCarriesTheSpecsPayload() {
        AlertRule rule = rule("{\"name\":\"CriticalDAUDrop\",\"metric\":\"dau\",\"severity\":\"critical\",\"description\":\"DAU fell\","
                + "\"condition\":{\"type\":\"relative_change\",\"percent\":30,\"periods\":4,\"baseline\":\"same_weekday\"}}");

        AlertsUseCase.EvaluationRun run = service.evaluateDue(morningAfter(DROP_DAY));

        assertThat(run.opened()).isEqualTo(1);
        assertThat(run.rules()).singleElement().satisfies(r -> {
            assertThat(r.period()).isEqualTo(DROP_DAY);
            assertThat(r.series()).isEqualTo(1);
        });
        // the query read what the rule needs: 4 weeks back to the day itself
        assertThat(metrics.queries).singleElement().satisfies(q -> {
            assertThat(q.from()).isEqualTo(DROP_DAY.minusWeeks(4));
            assertThat(q.to()).isEqualTo(DROP_DAY);
        });
        OutgoingEvent announced = stores.announced.get(0);
        AlertEvent event = stores.eventsOf(rule.id()).get(0);
        assertThat(announced.type()).isEqualTo("com.platform.analytics.alert.triggered.v1");
        assertThat(announced.subject()).isEqualTo(rule.id().toString());
        assertThat(announced.data()).containsEntry("alertId", event.id().toString())
                .containsEntry("ruleId", rule.id().toString())
                .containsEntry("alertName", "CriticalDAUDrop")
                .containsEntry("severity", "critical")
                .containsEntry("metricName", "dau")
                .containsEntry("currentValue", event.observedValue())
                .containsEntry("thresholdValue", event.expectedValue())
                .containsEntry("period", "2026-03-14")
                .containsEntry("status", "firing")
                .containsEntry("triggerTimestamp", "2026-03-15T06:00:00Z")
                .doesNotContainKey("dimensions");
        assertThat((String) announced.data().get("description")).startsWith("DAU fell: dau fell by ");
        Map<String, Object> cloudEvent = Json.parseObject(announced.toCloudEventJson());
        assertThat(cloudEvent).containsEntry("source", "/analytics-service");
    }

    @Test
    void aPersistingConditionIsAnnouncedOnceHoweverOftenItIsEvaluated() {
        rule("{\"name\":\"DauBelow9000\",\"metric\":\"dau\",\"condition\":{\"type\":\"threshold\",\"operator\":\"<\",\"value\":9000}}");
        LocalDate monday = FIRST.plusWeeks(8);

        for (int hour = 0; hour < 3; hour++) {
            service.evaluateDue(morningAfter(monday).plusSeconds(3600L * hour));
        }
        service.evaluateDue(morningAfter(monday.plusDays(1)));

        assertThat(stores.announced).hasSize(1);
        assertThat(service.events(Optional.of(AlertStatus.FIRING), 0, 10)).hasSize(1);
        assertThat(service.events(Optional.of(AlertStatus.RESOLVED), 0, 10)).isEmpty();
    }

    @Test
    void everySeriesOfABreakdownIsAlertedOnItsOwn() {
        metrics.series.put("dau", List.of(new MetricSeries(Map.of("platform", "pc"), dau(2, null)),
                new MetricSeries(Map.of("platform", "mobile"), dau(3, DROP_DAY))));
        AlertRule rule = rule("{\"name\":\"PerPlatform\",\"metric\":\"dau\",\"dimensions\":[\"platform\"],\"filters\":{\"country\":[\"RU\"]},"
                + "\"condition\":{\"type\":\"anomaly\"}}");

        everyMorning();

        assertThat(stores.eventsOf(rule.id())).singleElement().satisfies(e -> {
            assertThat(e.dimensions()).isEqualTo(Map.of("platform", "mobile"));
            assertThat(e.seriesKey()).isEqualTo("platform=mobile");
            assertThat(e.period()).isEqualTo(DROP_DAY);
        });
        assertThat(stores.announced.get(0).data()).containsEntry("dimensions", Map.of("platform", "mobile"));
        assertThat(metrics.queries).allSatisfy(q -> assertThat(q.filters().toString()).contains("RU"));
    }

    @Test
    void aFailingRuleIsReportedAndTheOthersStillRun() {
        metrics.series.put("sessions", List.of());
        metrics.failing.add("sessions");
        rule("{\"name\":\"a_sessions\",\"metric\":\"sessions\",\"condition\":{\"type\":\"anomaly\"}}");
        rule("{\"name\":\"b_dau\",\"metric\":\"dau\",\"condition\":{\"type\":\"threshold\",\"operator\":\"<\",\"value\":9000}}");
        rule("{\"name\":\"c_disabled\",\"metric\":\"dau\",\"enabled\":false,\"condition\":{\"type\":\"threshold\",\"operator\":\"<\",\"value\":9000}}");

        AlertsUseCase.EvaluationRun run = service.evaluateDue(morningAfter(FIRST.plusWeeks(8)));

        assertThat(run.rules()).extracting(AlertsUseCase.RuleOutcome::ruleName).containsExactly("a_sessions", "b_dau");
        assertThat(run.failures()).singleElement().satisfies(f -> assertThat(f.error()).hasValueSatisfying(
                e -> assertThat(e).contains("STORAGE_UNAVAILABLE")));
        assertThat(run.opened()).isEqualTo(1);
    }

    @Test
    void rulesAreValidatedAgainstTheMetricsAndManaged() {
        assertThatThrownBy(() -> rule("{\"name\":\"x\",\"metric\":\"shoe_size\",\"condition\":{\"type\":\"anomaly\"}}"))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS);
                    assertThat(e.pointer()).contains("/metric");
                });
        assertThatThrownBy(() -> rule("{\"name\":\"x\",\"metric\":\"dau\",\"dimensions\":[\"genre\"],\"condition\":{\"type\":\"anomaly\"}}"))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.pointer()).contains("/dimensions/0"));
        AlertRule created = rule("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"anomaly\"}}");
        assertThat(service.rule(created.id())).isEqualTo(created);
        AlertRule updated = service.updateRule(created.id(), AlertRuleDraft.fromJson(Json.parseObject(
                "{\"name\":\"x\",\"metric\":\"dau\",\"severity\":\"critical\",\"condition\":{\"type\":\"anomaly\"}}")));
        assertThat(service.rules()).containsExactly(updated);
        service.deleteRule(created.id());
        assertThatThrownBy(() -> service.rule(created.id())).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        assertThatThrownBy(() -> service.deleteRule(created.id())).isInstanceOf(AnalyticsException.class);
    }
}
