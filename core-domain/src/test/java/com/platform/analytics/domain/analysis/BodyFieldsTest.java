package com.platform.analytics.domain.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.error.Refusals;
import com.platform.analytics.domain.json.Json;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BodyFieldsTest {
    private static final Duration FORTNIGHT = Duration.ofDays(14);
    private static final Duration YEAR = Duration.ofDays(366);

    private static BodyFields body(String json) {
        return new BodyFields(Json.parseObject(json), Set.of("n", "w", "c"));
    }

    @Test
    void unknownFieldsAndNonObjectsAreRefused() {
        Refusals.assertRefusedAt("{\"x\":1}", () -> body("{\"x\":1}"), "/x", "unknown field 'x'", "c, n, w");
        Refusals.assertRefusedAt("[1]", () -> BodyFields.of(Json.parse("[1]"), Set.of("n")), "", "JSON object");
        assertThat(BodyFields.of(Json.parse("{\"n\":null}"), Set.of("n")).has("n")).isFalse();
    }

    @Test
    void aRequiredIntegerIsRequiredAndBounded() {
        assertThat(body("{\"n\":3}").requiredInteger("n", 1, 10, "how many")).isEqualTo(3);
        Refusals.assertRefusedAt("{}", () -> body("{}").requiredInteger("n", 1, 10, "how many"), "/n", "required: how many, 1..10");
        Refusals.assertRefusedAt("{\"n\":11}", () -> body("{\"n\":11}").requiredInteger("n", 1, 10, "x"), "/n", "1 to 10");
    }

    @Test
    void aChoiceFallsBackOrNamesTheChoices() {
        assertThat(body("{}").choice("c", ChronoUnit.DAYS, BodyFieldsTest::unit, "days or weeks")).isEqualTo(ChronoUnit.DAYS);
        assertThat(body("{\"c\":\"weeks\"}").choice("c", ChronoUnit.DAYS, BodyFieldsTest::unit, "days or weeks"))
                .isEqualTo(ChronoUnit.WEEKS);
        Refusals.assertRefusedAt("years", () -> body("{\"c\":\"years\"}").choice("c", ChronoUnit.DAYS, BodyFieldsTest::unit,
                "days or weeks"), "/c", "c must be days or weeks; got 'years'");
    }

    @Test
    void aDurationHasAFixedLengthAboveZeroAndInMilliseconds() {
        assertThat(body("{}").duration("w", FORTNIGHT, YEAR)).isEqualTo(FORTNIGHT);
        assertThat(body("{\"w\":\"P2W\"}").duration("w", Duration.ZERO, YEAR)).isEqualTo(FORTNIGHT);
        assertThat(body("{\"w\":\"P1DT12H\"}").duration("w", Duration.ZERO, YEAR)).isEqualTo(Duration.ofHours(36));
        assertThat(body("{\"w\":\"P366D\"}").duration("w", Duration.ZERO, YEAR)).isEqualTo(YEAR);
        for (String[] c : new String[][] {{"\"P1M\"", "months"}, {"\"P367D\"", "at most 366 days"}, {"\"PT0S\"", "above zero"},
                {"\"-PT1H\"", "above zero"}, {"\"14 days\"", "ISO-8601"}, {"14", "string"}, {"\"PT0.0001S\"", "milliseconds"}}) {
            String json = "{\"w\":" + c[0] + "}";
            Refusals.assertRefusedAt(json, () -> body(json).duration("w", FORTNIGHT, YEAR), "/w", c[1]);
        }
    }

    private static ChronoUnit unit(String name) {
        return switch (name) {
            case "days" -> ChronoUnit.DAYS;
            case "weeks" -> ChronoUnit.WEEKS;
            default -> null;
        };
    }

    @Test
    void oneEventTypeRuleForEveryAnalysis() {
        assertThat(BodyFields.eventTypeAt("com.platform.auth.user.loggedin.v1", "/start", "start"))
                .isEqualTo("com.platform.auth.user.loggedin.v1");
        assertThat(BodyFields.eventTypeAt("custom_event-2", "/start", "start")).isEqualTo("custom_event-2");
        String[][] refused = {{"x' OR 1=1 --", "letters, digits"}, {"a b", "letters, digits"}, {"", "not be blank"},
                {"   ", "not be blank"}, {"é.v1", "letters, digits"}, {"a".repeat(257), "longer than 256"}};
        for (String[] r : refused) {
            Refusals.assertRefusedAt(r[0], () -> BodyFields.eventTypeAt(r[0], "/steps/1/event", "event"), "/steps/1/event", r[1]);
        }
        Refusals.assertRefusedAt("42", () -> BodyFields.eventTypeAt(java.math.BigDecimal.valueOf(42), "/goal/event", "goal.event"),
                "/goal/event", "a string");
        // the same rule through each analysis's own parser
        Refusals.assertRefusedAt("funnel", () -> com.platform.analytics.domain.analysis.funnel.FunnelQuery.parse(Json.parseObject(
                "{\"from\":\"2026-03-01\",\"to\":\"2026-03-07\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b c\"}]}")),
                "/steps/1/event", "letters, digits");
        Refusals.assertRefusedAt("retention", () -> com.platform.analytics.domain.analysis.retention.CohortRetentionQuery.fromJson(
                Json.parseObject("{\"from\":\"2026-03-01\",\"to\":\"2026-03-07\",\"period\":\"day\",\"periods\":3,"
                        + "\"cohortEvent\":\"b c\"}")), "/cohortEvent", "letters, digits");
    }
}
