package com.platform.analytics.domain.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.Refusals;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SegmentCriteriaTest {
    private static UserAttributes user(String country, String payments, Instant registered, boolean banned) {
        return new UserAttributes("u1", country, "pc", registered, null, new BigDecimal(payments), 3, 2, 600, 2, null,
                banned, "active");
    }

    private static SegmentCriteria parse(String json) {
        return SegmentCriteria.parse(Json.parse(json), "/criteria");
    }

    private static void assertInvalid(String json, String pointer, String detailPart) {
        Refusals.assertRefusedAt(json, () -> parse(json), pointer, detailPart);
    }

    @Test
    void theSpecExampleParsesAndMatchesByNetPayments() {
        SegmentCriteria c = parse("{\"type\":\"AND\",\"conditions\":[{\"field\":\"user.total_payments_sum_rub\",\"operator\":\">=\",\"value\":10000}]}");

        assertThat(c.matches(user("RU", "10000.00", null, false))).isTrue();
        assertThat(c.matches(user("RU", "9999.99", null, false))).isFalse();
    }

    @Test
    void andOrNotCombineAsBooleanLogic() {
        SegmentCriteria c = parse("""
                {"type":"OR","conditions":[
                  {"type":"AND","conditions":[{"field":"user.country","operator":"in","value":["RU","KZ"]},
                                              {"type":"NOT","conditions":[{"field":"user.is_banned","operator":"=","value":true}]}]},
                  {"field":"user.total_payments_sum_rub","operator":">","value":500.5}]}""");

        assertThat(c.matches(user("KZ", "0", null, false))).isTrue();
        assertThat(c.matches(user("KZ", "0", null, true))).isFalse();
        assertThat(c.matches(user("DE", "500.51", null, true))).isTrue();
        assertThat(c.matches(user("DE", "500.50", null, false))).isFalse();
    }

    @Test
    void aConditionOnAnAbsentAttributeIsFalseAndItsNegationTrue() {
        SegmentCriteria registeredLately = parse("{\"field\":\"user.registered_at\",\"operator\":\">=\",\"value\":\"2026-03-01T00:00:00Z\"}");
        SegmentCriteria notRegisteredLately = new SegmentCriteria.Not(registeredLately);

        assertThat(registeredLately.matches(user("RU", "0", null, false))).isFalse();
        assertThat(notRegisteredLately.matches(user("RU", "0", null, false))).isTrue();
        assertThat(registeredLately.matches(user("RU", "0", Instant.parse("2026-03-01T00:00:00Z"), false))).isTrue();
    }

    @Test
    void stringsCompareExactlyAndContainsIsASubstring() {
        SegmentCriteria contains = parse("{\"field\":\"user.country\",\"operator\":\"contains\",\"value\":\"'\"}");
        assertThat(contains.matches(user("O'Land", "0", null, false))).isTrue();
        assertThat(contains.matches(user("Oland", "0", null, false))).isFalse();
    }

    @Test
    void unknownFieldsAndOperatorsAreNamedByPointer() {
        assertInvalid("{\"type\":\"AND\",\"conditions\":[{\"field\":\"user.country\",\"operator\":\"=\",\"value\":\"RU\"},"
                + "{\"field\":\"user.shoe_size\",\"operator\":\"=\",\"value\":1}]}", "/criteria/conditions/1/field", "user.shoe_size");
        assertInvalid("{\"field\":\"user.country\",\"operator\":\"like\",\"value\":\"R%\"}", "/criteria/operator", "like");
        assertInvalid("{\"field\":\"user.is_banned\",\"operator\":\">\",\"value\":true}", "/criteria/operator", ">");
        assertInvalid("{\"type\":\"XOR\",\"conditions\":[]}", "/criteria/type", "XOR");
        assertInvalid("{\"field\":\"user.country\",\"operator\":\"=\",\"value\":\"RU\",\"extra\":1}", "/criteria/extra", "extra");
    }

    @Test
    void valuesMustFitTheFieldsType() {
        assertInvalid("{\"field\":\"user.payments_count\",\"operator\":\">\",\"value\":\"5\"}", "/criteria/value", "an integer");
        assertInvalid("{\"field\":\"user.payments_count\",\"operator\":\">\",\"value\":1.5}", "/criteria/value", "integer");
        assertInvalid("{\"field\":\"user.total_payments_sum_rub\",\"operator\":\">\",\"value\":1.555}", "/criteria/value", "2 decimal");
        assertInvalid("{\"field\":\"user.registered_at\",\"operator\":\">\",\"value\":\"yesterday\"}", "/criteria/value", "RFC 3339");
        assertInvalid("{\"field\":\"user.country\",\"operator\":\"in\",\"value\":[\"RU\",5]}", "/criteria/value/1", "a string");
        assertInvalid("{\"field\":\"user.country\",\"operator\":\"in\",\"value\":[]}", "/criteria/value", "non-empty");
        assertInvalid("{\"field\":\"user.is_banned\",\"operator\":\"=\",\"value\":\"true\"}", "/criteria/value", "true or false");
        assertInvalid("{\"field\":\"user.country\",\"operator\":\"=\"}", "/criteria/value", "needs");
    }

    @Test
    void notTakesExactlyOneAndGroupsAreNeverEmpty() {
        assertInvalid("{\"type\":\"NOT\",\"conditions\":[{\"field\":\"user.is_banned\",\"operator\":\"=\",\"value\":true},"
                + "{\"field\":\"user.is_banned\",\"operator\":\"=\",\"value\":false}]}", "/criteria/conditions", "exactly one");
        assertInvalid("{\"type\":\"AND\",\"conditions\":[]}", "/criteria/conditions", "non-empty");
        assertInvalid("[1]", "/criteria", "array");
    }

    @Test
    void deepTreesAreRefused() {
        String json = "{\"field\":\"user.is_banned\",\"operator\":\"=\",\"value\":true}";
        for (int i = 0; i < SegmentCriteria.MAX_DEPTH + 1; i++) {
            json = "{\"type\":\"NOT\",\"conditions\":[" + json + "]}";
        }
        String deep = json;
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(AnalyticsException.class).hasMessageContaining("deeper");
    }

    @Test
    void theJsonFormRoundTrips() {
        SegmentCriteria c = parse("""
                {"type":"and","conditions":[{"field":"user.registered_at","operator":"<","value":"2026-03-01T10:00:00.123456Z"},
                  {"field":"user.total_payments_sum_rub","operator":"not_in","value":[1, 2.50]},
                  {"type":"NOT","conditions":[{"field":"user.account_status","operator":"=","value":"suspended"}]}]}""");

        SegmentCriteria again = SegmentCriteria.parse(Json.write(c.toJson()));

        assertThat(again).isEqualTo(c);
        assertThat(Json.write(c.toJson())).contains("\"2026-03-01T10:00:00.123Z\"").contains("[1,2.5]");
    }
}
