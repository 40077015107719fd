package com.platform.analytics.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.metric.Dimension;
import com.platform.analytics.domain.metric.Granularity;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertRuleDraftTest {
    static final String DAU_DROP = "{\"name\":\"CriticalDAUDrop\",\"metric\":\"dau\",\"granularity\":\"day\",\"dimensions\":[\"platform\"],"
            + "\"filters\":{\"country\":[\"RU\",\"KZ\"]},\"condition\":{\"type\":\"relative_change\",\"direction\":\"drop\","
            + "\"percent\":30,\"periods\":7},\"severity\":\"critical\",\"description\":\"DAU fell 30% against the 7-day mean\"}";

    private static AlertRuleDraft parse(String json) {
        return AlertRuleDraft.fromJson(Json.parseObject(json));
    }

    @Test
    void readsTheSpecsExampleAndWritesItBack() {
        AlertRuleDraft draft = parse(DAU_DROP);

        assertThat(draft.name()).isEqualTo("CriticalDAUDrop");
        assertThat(draft.metricName()).isEqualTo("dau");
        assertThat(draft.granularity()).isEqualTo(Granularity.DAY);
        assertThat(draft.zone().getId()).isEqualTo("UTC");
        assertThat(draft.dimensions()).containsExactly(Dimension.PLATFORM);
        assertThat(draft.filters()).isEqualTo(Map.of(Dimension.COUNTRY, Set.of("RU", "KZ")));
        assertThat(draft.condition()).isEqualTo(new AlertCondition.RelativeChange(Direction.DROP, 30, 7,
                AlertCondition.Baseline.PREVIOUS_PERIODS));
        assertThat(draft.severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(draft.enabled()).isTrue();
        assertThat(AlertRuleDraft.fromJson(Json.parseObject(Json.write(draft.toJson())))).isEqualTo(draft);
    }

    @Test
    void defaultsAndTheOtherConditions() {
        AlertRuleDraft anomaly = parse("{\"name\":\"a\",\"metric\":\"dau\",\"condition\":{\"type\":\"anomaly\"}}");
        AlertRuleDraft threshold = parse("{\"name\":\"t\",\"metric\":\"gross_revenue\",\"granularity\":\"week\",\"enabled\":false,"
                + "\"condition\":{\"type\":\"threshold\",\"operator\":\"<=\",\"value\":-2.5}}");

        assertThat(anomaly.condition()).isEqualTo(new AlertCondition.Anomaly(8, 6, 4, Direction.BOTH));
        assertThat(anomaly.severity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(threshold.condition()).isEqualTo(new AlertCondition.Threshold(ComparisonOperator.LESS_OR_EQUAL, -2.5));
        assertThat(threshold.enabled()).isFalse();
        assertThat(AlertRuleDraft.fromJson(Json.parseObject(Json.write(threshold.toJson())))).isEqualTo(threshold);
    }

    @Test
    void everyMistakeIsA400NamingTheMember() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"metric\":\"dau\",\"condition\":{\"type\":\"anomaly\"}}", "/name");
        cases.put("{\"name\":\"x\",\"condition\":{\"type\":\"anomaly\"}}", "/metric");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\"}", "/condition");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"colour\":1,\"condition\":{\"type\":\"anomaly\"}}", "/colour");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"granularity\":\"total\",\"condition\":{\"type\":\"anomaly\"}}", "/granularity");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"tz\":\"Mars/Olympus\",\"condition\":{\"type\":\"anomaly\"}}", "/tz");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"severity\":\"urgent\",\"condition\":{\"type\":\"anomaly\"}}", "/severity");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"dimensions\":[\"platform\",\"shoe\"],\"condition\":{\"type\":\"anomaly\"}}", "/dimensions/1");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"filters\":{\"platform\":[\"pc\",7]},\"condition\":{\"type\":\"anomaly\"}}", "/filters/platform/1");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"filters\":{\"shoe\":[\"42\"]},\"condition\":{\"type\":\"anomaly\"}}", "/filters/shoe");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"enabled\":\"yes\",\"condition\":{\"type\":\"anomaly\"}}", "/enabled");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"forecast\"}}", "/condition/type");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"threshold\",\"operator\":\"=\",\"value\":1}}", "/condition/operator");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"threshold\",\"operator\":\"<\"}}", "/condition/value");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"relative_change\",\"percent\":0}}", "/condition/percent");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"relative_change\",\"percent\":30,\"periods\":0}}", "/condition/periods");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"relative_change\",\"percent\":30,\"direction\":\"down\"}}", "/condition/direction");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"granularity\":\"month\",\"condition\":{\"type\":\"relative_change\",\"percent\":30,"
                + "\"baseline\":\"same_weekday\"}}", "/condition/baseline");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"anomaly\",\"periods\":2}}", "/condition/periods");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"anomaly\",\"periods\":4,\"minHistory\":5}}", "/condition/minHistory");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"anomaly\",\"zThreshold\":-1}}", "/condition/zThreshold");
        cases.put("{\"name\":\"x\",\"metric\":\"dau\",\"condition\":{\"type\":\"anomaly\",\"sensitivity\":1}}", "/condition/sensitivity");

        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThatThrownBy(() -> parse(c.getKey())).as(c.getKey())
                    .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS);
                        assertThat(e.pointer()).as(c.getKey() + ": " + e.detail()).contains(c.getValue());
                    });
        }
    }
}
