package com.platform.analytics.domain.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ModelSignatureTest {
    /** Two inputs: a float one of two features and an int64 one of one, plus a string input. */
    private static final ModelSignature SIGNATURE = new ModelSignature(List.of(
            new ModelInput("dense", TensorType.FLOAT, List.of("recency", "frequency")),
            new ModelInput("counts", TensorType.INT64, List.of("sessions_7d")),
            new ModelInput("category", TensorType.STRING, List.of("platform"))),
            List.of(new ModelOutput("label", TensorType.INT64, List.of()),
                    new ModelOutput("probabilities", TensorType.FLOAT, List.of("retained", "churned"))));

    private static Map<String, Object> instance(Object recency, Object frequency, Object sessions, Object platform) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recency", recency);
        m.put("frequency", frequency);
        m.put("sessions_7d", sessions);
        m.put("platform", platform);
        return m;
    }

    private static void refused(ThrowingCallable call, String pointer, String... detailParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
            assertThat(e.pointer()).contains(pointer);
            assertThat(e.detail()).contains(detailParts);
        });
    }

    @Test
    void laysInstancesOutRowMajorPerInput() {
        List<InputBatch> batches = SIGNATURE.validate(List.of(
                instance(1.5, 2L, 3L, "pc"),
                instance(4L, new BigDecimal("5.25"), 6L, "ps5"),
                instance(7.0, 8.0, 9.0, "xbox")), "/instances");

        assertThat(batches).extracting(InputBatch::inputName).containsExactly("dense", "counts", "category");
        InputBatch dense = batches.get(0);
        assertThat(dense.type()).isEqualTo(TensorType.FLOAT);
        assertThat(dense.rows()).isEqualTo(3);
        assertThat(dense.width()).isEqualTo(2);
        assertThat(dense.numbers()).containsExactly(1.5, 2, 4, 5.25, 7, 8);
        assertThat(dense.strings()).isNull();
        assertThat(batches.get(1).numbers()).containsExactly(3, 6, 9);
        assertThat(batches.get(1).width()).isEqualTo(1);
        assertThat(batches.get(2).strings()).containsExactly("pc", "ps5", "xbox");
        assertThat(batches.get(2).numbers()).isNull();
    }

    @Test
    void namesTheInstanceAndFeatureThatIsMissing() {
        Map<String, Object> second = instance(1.0, 2.0, 3L, "pc");
        second.remove("frequency");
        refused(() -> SIGNATURE.validate(List.of(instance(1.0, 2.0, 3L, "pc"), second), "/instances"),
                "/instances/1/frequency", "instance 1", "'frequency'");
    }

    @Test
    void treatsJsonNullAsMissing() {
        refused(() -> SIGNATURE.validate(List.of(instance(1.0, Json.NULL, 3L, "pc")), "/instances"),
                "/instances/0/frequency", "no value", "'frequency'");
    }

    @Test
    void refusesAFeatureTheModelDoesNotHave() {
        Map<String, Object> extra = instance(1.0, 2.0, 3L, "pc");
        extra.put("refunds", 1L);
        refused(() -> SIGNATURE.validate(List.of(extra), "/instances"),
                "/instances/0/refunds", "no feature 'refunds'", "frequency, platform, recency, sessions_7d");
    }

    @Test
    void refusesAValueOfTheWrongType() {
        refused(() -> SIGNATURE.validate(List.of(instance(1.0, "2", 3L, "pc")), "/instances"),
                "/instances/0/frequency", "must be a number, not string");
        refused(() -> SIGNATURE.validate(List.of(instance(1.0, 2.0, 3L, "pc"), instance(1.0, 2.0, 3L, 7L)), "/x"),
                "/x/1/platform", "must be a string, not integer");
        refused(() -> SIGNATURE.validate(List.of(instance(true, 2.0, 3L, "pc")), "/instances"),
                "/instances/0/recency", "not boolean");
    }

    @Test
    void refusesAnInstanceThatIsNotAnObject() {
        refused(() -> SIGNATURE.validate(List.of(instance(1.0, 2.0, 3L, "pc"), List.of(1, 2)), "/instances"),
                "/instances/1", "JSON object", "not array");
    }

    @Test
    void refusesNonFiniteNumbers() {
        refused(() -> SIGNATURE.validate(List.of(instance(Double.NaN, 2.0, 3L, "pc")), "/instances"),
                "/instances/0/recency", "not finite");
        refused(() -> SIGNATURE.validate(List.of(instance(1.0, Double.POSITIVE_INFINITY, 3L, "pc")), "/instances"),
                "/instances/0/frequency", "not finite");
        // a JSON number too large for a double is infinite once converted
        refused(() -> SIGNATURE.validate(List.of(instance(new BigDecimal("1e400"), 2.0, 3L, "pc")), "/instances"),
                "/instances/0/recency", "not finite");
    }

    @Test
    void refusesAFractionOrAnUnrepresentableIntegerForAnInt64Input() {
        refused(() -> SIGNATURE.validate(List.of(instance(1.0, 2.0, 3.5, "pc")), "/instances"),
                "/instances/0/sessions_7d", "must be an integer");
        refused(() -> SIGNATURE.validate(List.of(instance(1.0, 2.0, 1e17, "pc")), "/instances"),
                "/instances/0/sessions_7d", "must be an integer");
        // an integral double is an integer
        assertThat(SIGNATURE.validate(List.of(instance(1.0, 2.0, 4.0, "pc")), "/instances").get(1).numbers())
                .containsExactly(4);
    }

    @Test
    void refusesAnEmptyOrOversizedBatch() {
        refused(() -> SIGNATURE.validate(List.of(), "/instances"), "/instances", "no instances");
        List<Object> tooMany = new ArrayList<>(Collections.nCopies(ModelSignature.MAX_BATCH + 1, instance(1.0, 2.0, 3L, "pc")));
        refused(() -> SIGNATURE.validate(tooMany, "/instances"), "/instances", "10001 instances", "at most 10000");
        List<Object> largest = new ArrayList<>(Collections.nCopies(ModelSignature.MAX_BATCH, instance(1.0, 2.0, 3L, "pc")));
        assertThat(SIGNATURE.validate(largest, "/instances").get(0).rows()).isEqualTo(ModelSignature.MAX_BATCH);
    }

    @Test
    void refusesFeaturesOrInputsNamedTwice() {
        assertThatThrownBy(() -> new ModelSignature(List.of(new ModelInput("a", TensorType.FLOAT, List.of("x")),
                new ModelInput("b", TensorType.FLOAT, List.of("x"))), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature x");
        assertThatThrownBy(() -> new ModelSignature(List.of(new ModelInput("a", TensorType.FLOAT, List.of("x")),
                new ModelInput("a", TensorType.FLOAT, List.of("y"))), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input a");
        assertThatThrownBy(() -> new ModelSignature(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SIGNATURE.featureNames()).containsExactly("recency", "frequency", "sessions_7d", "platform");
    }

    @Test
    void roundTripsThroughItsStoredJson() {
        String inputs = Json.write(SIGNATURE.inputsJson());
        String outputs = Json.write(SIGNATURE.outputsJson());
        assertThat(inputs).isEqualTo("[{\"name\":\"dense\",\"type\":\"float\",\"features\":[\"recency\",\"frequency\"]},"
                + "{\"name\":\"counts\",\"type\":\"int64\",\"features\":[\"sessions_7d\"]},"
                + "{\"name\":\"category\",\"type\":\"string\",\"features\":[\"platform\"]}]");

        ModelSignature back = ModelSignature.fromJson((List<?>) Json.parse(inputs), (List<?>) Json.parse(outputs));

        assertThat(back).isEqualTo(SIGNATURE);
    }

    @Test
    void readsOutputsWithoutLabelsOrNoOutputsAtAll() {
        ModelSignature s = ModelSignature.fromJson((List<?>) Json.parse(
                "[{\"name\":\"x\",\"type\":\"double\",\"features\":[\"a\"]}]"), (List<?>) Json.parse(
                "[{\"name\":\"score\",\"type\":\"double\"}]"));
        assertThat(s.outputs()).containsExactly(new ModelOutput("score", TensorType.DOUBLE, List.of()));
        assertThat(ModelSignature.fromJson(s.inputsJson(), null).outputs()).isEmpty();
    }

    @Test
    void refusesBadJsonNamingTheProblem() {
        badJson("[1]", "[]", "an input is a JSON object, not integer");
        badJson("[{\"type\":\"float\",\"features\":[\"a\"]}]", "[]", "'name' must be a non-empty string");
        badJson("[{\"name\":\"x\",\"type\":\"float16\",\"features\":[\"a\"]}]", "[]", "unknown type 'float16'");
        badJson("[{\"name\":\"x\",\"type\":\"float\",\"features\":\"a\"}]", "[]", "'features' must be an array");
        badJson("[{\"name\":\"x\",\"type\":\"float\",\"features\":[\"a\",\"\"]}]", "[]", "non-empty strings");
        badJson("[{\"name\":\"x\",\"type\":\"float\",\"features\":[]}]", "[]", "names no feature");
        badJson("[{\"name\":\"x\",\"type\":\"float\",\"features\":[\"a\"]}]", "[\"y\"]", "an output is a JSON object");
        badJson("[{\"name\":\"x\",\"type\":\"float\",\"features\":[\"a\"]}]", "[{\"name\":\"y\",\"type\":\"float\",\"labels\":[3]}]",
                "'labels' must be an array of non-empty strings");
        badJson("[]", "[]", "at least one input");
    }

    private static void badJson(String inputs, String outputs, String message) {
        assertThatThrownBy(() -> ModelSignature.fromJson((List<?>) Json.parse(inputs), (List<?>) Json.parse(outputs)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
