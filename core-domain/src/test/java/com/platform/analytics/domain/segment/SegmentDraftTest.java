package com.platform.analytics.domain.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.json.Json;
import org.junit.jupiter.api.Test;

class SegmentDraftTest {
    @Test
    void aDynamicSegmentWithCriteriaAndSchedule() {
        SegmentDraft d = SegmentDraft.fromJson(Json.parse("""
                {"name":"whales","displayNameRu":"Киты","criteria":{"type":"AND","conditions":[
                 {"field":"user.total_payments_sum_rub","operator":">=","value":10000}]},"refreshSchedule":"0 4 * * *"}"""));

        assertThat(d.type()).isEqualTo(SegmentType.DYNAMIC);
        assertThat(d.refreshSchedule().expression()).isEqualTo("0 4 * * *");
        assertThat(d.displayNameRu()).isEqualTo("Киты");
    }

    @Test
    void aStaticSegmentHasNeitherCriteriaNorSchedule() {
        SegmentDraft d = SegmentDraft.fromJson(Json.parse("{\"name\":\"beta_testers\",\"type\":\"static\"}"));
        assertThat(d.criteria()).isNull();
        assertThat(d.displayNameRu()).isEqualTo("beta_testers");

        assertThatThrownBy(() -> SegmentDraft.fromJson(Json.parse("{\"name\":\"x\",\"type\":\"static\",\"refreshSchedule\":\"0 4 * * *\"}")))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.pointer()).contains("/refreshSchedule"));
    }

    @Test
    void errorsNameTheMember() {
        assertThatThrownBy(() -> SegmentDraft.fromJson(Json.parse("{\"name\":\"x\"}")))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.pointer()).contains("/criteria"));
        assertThatThrownBy(() -> SegmentDraft.fromJson(Json.parse("{\"name\":\"bad name\",\"type\":\"static\"}")))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.pointer()).contains("/name"));
        assertThatThrownBy(() -> SegmentDraft.fromJson(Json.parse("{\"name\":\"x\",\"type\":\"sometimes\"}")))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.pointer()).contains("/type"));
        assertThatThrownBy(() -> SegmentDraft.fromJson(Json.parse("{\"name\":\"x\",\"color\":\"red\"}")))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.pointer()).contains("/color"));
        assertThatThrownBy(() -> SegmentDraft.fromJson(Json.parse("{\"name\":\"x\",\"criteria\":{\"field\":\"user.x\",\"operator\":\"=\",\"value\":1}}")))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.pointer()).contains("/criteria/field"));
    }
}
