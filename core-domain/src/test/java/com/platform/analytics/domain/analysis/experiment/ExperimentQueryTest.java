package com.platform.analytics.domain.analysis.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.error.Refusals;
import com.platform.analytics.domain.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ExperimentQueryTest {
    private static ExperimentQuery parse(String key, String body) {
        return ExperimentQuery.parse(key, Json.parseObject(body));
    }

    private static void assertRefused(String key, String body, String pointer) {
        if (pointer.startsWith("/")) {
            Refusals.assertRefusedAt(key + " " + body, () -> parse(key, body), pointer);
        } else {
            Refusals.assertRefusedParameter(key + " " + body, () -> parse(key, body), pointer);
        }
    }

    @Test
    void parsesAFullRequestAndDefaults() {
        ExperimentQuery q = parse("checkout_v2", """
                {"from":"2026-03-01","to":"2026-03-14","tz":"Europe/Moscow","goal":{"event":"com.platform.library.game.added.v1"},
                 "window":"PT36H","metric":"conversion"}""");
        assertThat(q.window()).isEqualTo(Duration.ofHours(36));
        assertThat(q.goalEvent()).isEqualTo("com.platform.library.game.added.v1");
        assertThat(q.exposedFrom()).isEqualTo(Instant.parse("2026-02-28T21:00:00Z"));
        assertThat(q.exposedUntil()).isEqualTo(Instant.parse("2026-03-14T21:00:00Z"));

        ExperimentQuery revenue = parse("x", "{\"from\":\"2026-03-01\",\"to\":\"2026-03-01\",\"metric\":\"revenue\",\"window\":\"P2W\"}");
        assertThat(revenue.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(revenue.window()).isEqualTo(Duration.ofDays(14));
        assertThat(revenue.goalEvent()).isNull();

        ExperimentQuery defaults = parse("x", "{\"from\":\"2026-03-01\",\"to\":\"2026-03-02\",\"goal\":{\"event\":\"a.b\"}}");
        assertThat(defaults.metric()).isEqualTo(ExperimentMetric.CONVERSION);
        assertThat(defaults.window()).isEqualTo(ExperimentQuery.DEFAULT_WINDOW);
    }

    @Test
    void refusalsNameTheField() {
        String ok = "\"from\":\"2026-03-01\",\"to\":\"2026-03-14\"";
        assertRefused("Bad Key", "{" + ok + ",\"goal\":{\"event\":\"a\"}}", "experimentKey");
        assertRefused("x'--", "{" + ok + ",\"goal\":{\"event\":\"a\"}}", "experimentKey");
        assertRefused("k", "{\"to\":\"2026-03-14\",\"goal\":{\"event\":\"a\"}}", "/from");
        assertRefused("k", "{\"from\":\"2026-03-15\",\"to\":\"2026-03-14\",\"goal\":{\"event\":\"a\"}}", "/to");
        assertRefused("k", "{" + ok + "}", "/goal");
        assertRefused("k", "{" + ok + ",\"goal\":\"a\"}", "/goal");
        assertRefused("k", "{" + ok + ",\"goal\":{\"event\":\"a' OR 1=1\"}}", "/goal/event");
        assertRefused("k", "{" + ok + ",\"goal\":{\"event\":\"a\",\"filters\":[]}}", "/goal/filters");
        assertRefused("k", "{" + ok + ",\"metric\":\"revenue\",\"goal\":{\"event\":\"a\"}}", "/goal");
        assertRefused("k", "{" + ok + ",\"metric\":\"arpu\"}", "/metric");
        assertRefused("k", "{" + ok + ",\"metric\":\"revenue\",\"window\":\"P1M\"}", "/window");
        assertRefused("k", "{" + ok + ",\"metric\":\"revenue\",\"window\":\"P400D\"}", "/window");
        assertRefused("k", "{" + ok + ",\"metric\":\"revenue\",\"window\":\"PT0S\"}", "/window");
        assertRefused("k", "{" + ok + ",\"metric\":\"revenue\",\"window\":\"14 days\"}", "/window");
        assertRefused("k", "{" + ok + ",\"metric\":\"revenue\",\"tz\":\"Mars/Olympus\"}", "/tz");
        assertRefused("k", "{" + ok + ",\"metric\":\"revenue\",\"extra\":1}", "/extra");
        assertRefused("k", "{\"from\":20260301,\"to\":\"2026-03-14\",\"metric\":\"revenue\"}", "/from");
    }

    @Test
    void noControlIsRefusedAndNoUsersIsAnEmptyReport() {
        ExperimentQuery q = parse("k", "{\"from\":\"2026-03-01\",\"to\":\"2026-03-14\",\"goal\":{\"event\":\"a\"}}");
        ExperimentTotals noControl = new ExperimentTotals(java.util.List.of(
                new VariantTotals("b", 5, 1, java.math.BigDecimal.ZERO, 0),
                new VariantTotals("a", 5, 2, java.math.BigDecimal.ZERO, 0)), 1, "SQL");
        assertThatThrownBy(() -> ExperimentAnalysis.report(q, noControl))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS);
                    assertThat(e.detail()).contains("'control'").contains("a, b");
                });

        ExperimentReport empty = ExperimentAnalysis.report(q, new ExperimentTotals(java.util.List.of(), 3, "SQL"));
        assertThat(empty.variants()).isEmpty();
        assertThat(empty.excludedUsers()).isEqualTo(3);
        assertThat(empty.sampleRatio()).isNull();
    }

    @Test
    void controlComesFirstAndEveryOtherVariantIsComparedWithIt() {
        ExperimentQuery q = parse("k", "{\"from\":\"2026-03-01\",\"to\":\"2026-03-14\",\"metric\":\"revenue\"}");
        // control: 4 users with revenue 0, 0, 100, 300 -> sum 400, squares 100000; b: 0, 50, 50 -> 100, 5000
        ExperimentReport report = ExperimentAnalysis.report(q, new ExperimentTotals(java.util.List.of(
                new VariantTotals("b", 3, 0, new java.math.BigDecimal("100.00"), 5000),
                new VariantTotals("control", 4, 0, new java.math.BigDecimal("400.00"), 100000)), 0, "SQL"));
        assertThat(report.variants()).extracting(VariantReport::variant).containsExactly("control", "b");
        VariantReport control = report.variants().get(0);
        assertThat(control.versusControl()).isNull();
        assertThat(control.rate()).isEqualTo(100.0);
        assertThat(control.standardDeviation()).isCloseTo(SampleSummary.of(0, 0, 100, 300).standardDeviation(),
                org.assertj.core.api.Assertions.within(1e-9));
        Comparison b = report.variants().get(1).versusControl();
        Comparison direct = WelchTest.compare(SampleSummary.of(0, 0, 100, 300), SampleSummary.of(0, 50, 50));
        assertThat(b.pValue()).isCloseTo(direct.pValue(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(b.degreesOfFreedom()).isCloseTo(direct.degreesOfFreedom(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(report.sampleRatio().degreesOfFreedom()).isEqualTo(1);
    }

    @Test
    void queryFieldsAreCheckedEvenWhenBuiltDirectly() {
        assertThatThrownBy(() -> new ExperimentQuery("k", java.time.LocalDate.parse("2026-03-01"),
                java.time.LocalDate.parse("2026-03-01"), ZoneId.of("UTC"), null, Duration.ofDays(1),
                ExperimentMetric.CONVERSION)).isInstanceOf(IllegalArgumentException.class);
    }
}
