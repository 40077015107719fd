package com.platform.analytics.domain.analysis.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.error.Refusals;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunnelQueryTest {
    private static final String STEPS = "\"steps\":[{\"event\":\"a.login\"},{\"event\":\"b.view\"}]";

    @Test
    void aFullRequestIsRead() {
        FunnelQuery q = parse("""
                {"from":"2026-03-01","to":"2026-03-07","tz":"Europe/Moscow","window":"PT36H",
                 "steps":[{"event":"a.login","filters":[{"field":"data.platform","op":"in","value":["pc","ps"]},
                                                          {"field":"data.item.level","op":"gte","value":3}]},
                          {"event":"b.view","filters":[{"field":"data.tag","op":"contains","value":"x"}]}],
                 "breakdown":"data.country"}""");

        assertThat(q.from()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(q.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(q.window()).isEqualTo(Duration.ofHours(36));
        assertThat(q.start()).isEqualTo(Instant.parse("2026-02-28T21:00:00Z"));
        assertThat(q.end()).isEqualTo(Instant.parse("2026-03-07T21:00:00Z"));
        PropertyFilter in = q.steps().get(0).filters().get(0);
        assertThat(in.op()).isEqualTo(FilterOperator.IN);
        assertThat(in.values()).containsExactly("pc", "ps");
        PropertyFilter level = q.steps().get(0).filters().get(1);
        assertThat(level.numeric()).isTrue();
        assertThat(level.path()).containsExactly("item", "level");
        assertThat(level.values()).containsExactly(new BigDecimal("3"));
        assertThat(q.breakdownPath()).hasValue(List.of("country"));
    }

    @Test
    void defaultsAreUtcAndFourteenDaysAndWeeksAreDays() {
        FunnelQuery q = parse("{\"from\":\"2026-03-01\",\"to\":\"2026-03-01\"," + STEPS + "}");
        assertThat(q.zone()).isEqualTo(ZoneId.of("UTC")); // the one default of every analysis (AnalysisRange)
        assertThat(q.zone().normalized()).isEqualTo(ZoneOffset.UTC);
        assertThat(q.window()).isEqualTo(Duration.ofDays(14));
        assertThat(q.breakdown()).isEmpty();
        assertThat(parse("{\"from\":\"2026-03-01\",\"to\":\"2026-03-01\",\"window\":\"P2W\"," + STEPS + "}").window())
                .isEqualTo(Duration.ofDays(14));
    }

    @Test
    void everyMistakeNamesItsJsonPointer() {
        String range = "\"from\":\"2026-03-01\",\"to\":\"2026-03-02\",";
        assertInvalid("[]", "");
        assertInvalid("{\"to\":\"2026-03-01\"," + STEPS + "}", "/from");
        assertInvalid("{\"from\":\"2026-3-1\",\"to\":\"2026-03-01\"," + STEPS + "}", "/from");
        assertInvalid("{\"from\":\"2026-03-02\",\"to\":\"2026-03-01\"," + STEPS + "}", "/to");
        assertInvalid("{\"from\":\"2025-01-01\",\"to\":\"2026-03-01\"," + STEPS + "}", "/to");
        assertInvalid("{" + range + "\"tz\":\"Mars/Olympus\"," + STEPS + "}", "/tz");
        assertInvalid("{" + range + "\"tz\":\"+05:30\"," + STEPS + "}", "/tz");
        for (String window : List.of("\"P1M\"", "\"P1Y\"", "\"PT0S\"", "\"-P1D\"", "\"P400D\"", "\"7 days\"", "7")) {
            assertInvalid("{" + range + "\"window\":" + window + "," + STEPS + "}", "/window");
        }
        assertInvalid("{" + range + "\"steps\":[{\"event\":\"a\"}]}", "/steps");
        assertInvalid("{" + range + "\"steps\":" + twentyOneSteps() + "}", "/steps");
        assertInvalid("{" + range + "\"steps\":[{\"event\":\"a\"},{\"event\":\"b'; DROP TABLE events\"}]}", "/steps/1/event");
        assertInvalid("{" + range + "\"steps\":[{\"event\":\"a\"},{\"event\":\"b\",\"when\":1}]}", "/steps/1/when");
        String filterStep = "{" + range + "\"steps\":[{\"event\":\"a\"},{\"event\":\"b\",\"filters\":[%s]}]}";
        assertInvalid(filterStep.formatted("{\"field\":\"platform\",\"op\":\"eq\",\"value\":\"pc\"}"), "/steps/1/filters/0/field");
        assertInvalid(filterStep.formatted("{\"field\":\"data.a-b\",\"op\":\"eq\",\"value\":\"pc\"}"), "/steps/1/filters/0/field");
        assertInvalid(filterStep.formatted("{\"field\":\"data.x') OR 1\",\"op\":\"eq\",\"value\":\"pc\"}"), "/steps/1/filters/0/field");
        assertInvalid(filterStep.formatted("{\"field\":\"data.a.b.c.d.e.f\",\"op\":\"eq\",\"value\":\"pc\"}"), "/steps/1/filters/0/field");
        assertInvalid(filterStep.formatted("{\"field\":\"data.p\",\"op\":\"like\",\"value\":\"pc\"}"), "/steps/1/filters/0/op");
        assertInvalid(filterStep.formatted("{\"field\":\"data.p\",\"op\":\"eq\",\"value\":[\"pc\"]}"), "/steps/1/filters/0/value");
        assertInvalid(filterStep.formatted("{\"field\":\"data.p\",\"op\":\"eq\",\"value\":true}"), "/steps/1/filters/0/value");
        assertInvalid(filterStep.formatted("{\"field\":\"data.p\",\"op\":\"in\",\"value\":[]}"), "/steps/1/filters/0/value");
        assertInvalid(filterStep.formatted("{\"field\":\"data.p\",\"op\":\"in\",\"value\":[\"a\",2]}"), "/steps/1/filters/0/value/1");
        assertInvalid(filterStep.formatted("{\"field\":\"data.p\",\"op\":\"contains\",\"value\":2}"), "/steps/1/filters/0/value");
        assertInvalid(filterStep.formatted("{\"field\":\"data.p\",\"op\":\"eq\",\"value\":\"pc\",\"x\":1}"), "/steps/1/filters/0/x");
        assertInvalid(filterStep.formatted("{\"field\":\"data.p\",\"op\":\"gt\",\"value\":1e300}"), "/steps/1/filters/0/value");
        assertInvalid("{" + range + STEPS + ",\"breakdown\":\"country\"}", "/breakdown");
        assertInvalid("{" + range + STEPS + ",\"colour\":\"red\"}", "/colour");
    }

    private static String twentyOneSteps() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 21; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"event\":\"e").append(i).append("\"}");
        }
        return sb.append(']').toString();
    }

    private static FunnelQuery parse(String json) {
        return FunnelQuery.parse(Json.parse(json));
    }

    private static void assertInvalid(String json, String pointer) {
        Refusals.assertRefusedAt(json, () -> parse(json), pointer);
    }
}
