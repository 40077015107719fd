package com.platform.analytics.adapter.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.TensorType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OnnxModelRuntimeTest {
    private static final float[] WEIGHTS = {0.8f, -1.5f, 0.25f};
    private static final float BIAS = -0.3f;

    private final OnnxModelRuntime runtime = new OnnxModelRuntime();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void readsTheSignatureOfAFloatModel() {
        ModelSignature signature = runtime.inspect(OnnxModels.logisticRegression(WEIGHTS, BIAS));

        assertThat(signature.inputs()).containsExactly(new ModelInput("x", TensorType.FLOAT, List.of("x_0", "x_1", "x_2")));
        assertThat(signature.outputs()).containsExactly(
                new ModelOutput("probabilities", TensorType.FLOAT, List.of("0", "1")),
                new ModelOutput("logit", TensorType.FLOAT, List.of()));
    }

    @Test
    void scoresLikeTheFormulaComputedInJava() {
        byte[] model = OnnxModels.logisticRegression(WEIGHTS, BIAS);
        ModelSignature signature = runtime.inspect(model);
        Random random = new Random(7);
        List<Map<String, Object>> instances = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            Map<String, Object> instance = new LinkedHashMap<>();
            for (int c = 0; c < 3; c++) {
                instance.put("x_" + c, random.nextGaussian() * 3);
            }
            instances.add(instance);
        }

        List<Map<String, Object>> answers = runtime.predict(UUID.randomUUID(), new CountingArtifact(model), signature,
                signature.validate(instances, "/instances"));

        assertThat(answers).hasSize(instances.size());
        for (int r = 0; r < instances.size(); r++) {
            double z = BIAS;
            for (int c = 0; c < 3; c++) {
                // the model sees floats: round the inputs the way the runtime does before comparing
                z += WEIGHTS[c] * (double) (float) (double) instances.get(r).get("x_" + c);
            }
            double p = 1 / (1 + Math.exp(-z));
            Map<String, Object> answer = answers.get(r);
            assertThat((Double) answer.get("logit")).isCloseTo(z, within(1e-5));
            @SuppressWarnings("unchecked")
            Map<String, Object> probabilities = (Map<String, Object>) answer.get("probabilities");
            assertThat(probabilities.keySet()).containsExactly("0", "1");
            assertThat((Double) probabilities.get("1")).isCloseTo(p, within(1e-6));
            assertThat((Double) probabilities.get("0")).isCloseTo(1 - p, within(1e-6));
        }
    }

    @Test
    void readsAndServesInt64AndStringInputs() {
        byte[] model = OnnxModels.countsAndCountry();
        ModelSignature signature = runtime.inspect(model);
        assertThat(signature.inputs()).containsExactly(
                new ModelInput("counts", TensorType.INT64, List.of("counts_0", "counts_1")),
                new ModelInput("country", TensorType.STRING, List.of("country")));
        assertThat(signature.outputs()).containsExactly(
                new ModelOutput("total", TensorType.INT64, List.of()),
                new ModelOutput("code", TensorType.INT64, List.of()),
                new ModelOutput("halves", TensorType.DOUBLE, List.of("0", "1")),
                new ModelOutput("echo", TensorType.STRING, List.of()));

        List<Map<String, Object>> instances = List.of(
                Map.of("counts_0", 3, "counts_1", 4, "country", "fr"),
                Map.of("counts_0", -10, "counts_1", 9_000_000_000L, "country", "xx"),
                Map.of("counts_0", 0, "counts_1", 1, "country", "us"));
        List<Map<String, Object>> answers = runtime.predict(UUID.randomUUID(), new CountingArtifact(model), signature,
                signature.validate(instances, "/instances"));

        assertThat(answers.get(0)).isEqualTo(Map.of("total", 7L, "code", 2L, "halves", Map.of("0", 1.5, "1", 2.0), "echo", "fr"));
        assertThat(answers.get(1)).isEqualTo(Map.of("total", 8_999_999_990L, "code", -1L,
                "halves", Map.of("0", -5.0, "1", 4.5e9), "echo", "xx"));
        assertThat(answers.get(2)).isEqualTo(Map.of("total", 1L, "code", 3L, "halves", Map.of("0", 0.0, "1", 0.5), "echo", "us"));
        assertThat(answers.get(0).get("total")).isInstanceOf(Long.class);
    }

    @Test
    void servesADoubleInputAndAOneColumnOutputAsLabelledValues() {
        byte[] model = OnnxModels.doubleSum();
        ModelSignature signature = runtime.inspect(model);
        assertThat(signature.outputs()).containsExactly(new ModelOutput("sum", TensorType.DOUBLE, List.of("0")));

        List<Map<String, Object>> answers = runtime.predict(UUID.randomUUID(), new CountingArtifact(model), signature,
                List.of(new InputBatch("v", TensorType.DOUBLE, 2, 3, new double[] {0.1, 0.2, 0.3, 1.5, -2.25, 1e10}, null)));

        assertThat(answers).containsExactly(Map.of("sum", Map.of("0", 0.1 + 0.2 + 0.3)), Map.of("sum", Map.of("0", 1.5 + -2.25 + 1e10)));
    }

    @Test
    void returnsOnlyTheOutputsTheSignatureNames() {
        byte[] model = OnnxModels.logisticRegression(WEIGHTS, BIAS);
        ModelSignature full = runtime.inspect(model);
        ModelSignature logitOnly = new ModelSignature(full.inputs(), List.of(full.outputs().get(1)));

        List<Map<String, Object>> answers = runtime.predict(UUID.randomUUID(), new CountingArtifact(model), logitOnly,
                List.of(new InputBatch("x", TensorType.FLOAT, 1, 3, new double[] {0, 0, 0}, null)));

        assertThat(answers).containsExactly(Map.of("logit", (double) BIAS));
    }

    @Test
    void namesOutputsBySignatureLabels() {
        byte[] model = OnnxModels.logisticRegression(WEIGHTS, BIAS);
        ModelSignature inspected = runtime.inspect(model);
        // a registered signature may name the classes (the churn model: retained, churned)
        ModelSignature named = new ModelSignature(inspected.inputs(),
                List.of(new ModelOutput("probabilities", TensorType.FLOAT, List.of("retained", "churned"))));

        List<Map<String, Object>> answers = runtime.predict(UUID.randomUUID(), new CountingArtifact(model), named,
                List.of(new InputBatch("x", TensorType.FLOAT, 1, 3, new double[] {0, 0, 0}, null)));

        @SuppressWarnings("unchecked")
        Map<String, Object> probabilities = (Map<String, Object>) answers.get(0).get("probabilities");
        assertThat(probabilities.keySet()).containsExactly("retained", "churned");
        assertThat((Double) probabilities.get("churned")).isCloseTo(1 / (1 + Math.exp(-BIAS)), within(1e-6));
    }

    @Test
    void refusesBytesThatAreNotAModel() {
        assertThatThrownBy(() -> runtime.inspect("definitely not onnx".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
                    assertThat(e.pointer()).contains("/artifact");
                    assertThat(e.detail()).startsWith("ONNX Runtime cannot load the artifact: ").contains("protobuf parsing failed");
                });
        assertThatThrownBy(() -> runtime.inspect(new byte[0]))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
                    assertThat(e.pointer()).contains("/artifact");
                });
    }

    @Test
    void refusesInputsItCannotServe() {
        assertRefused(OnnxModels.identity(DataType.BOOL, -1, 2), "input 'in' holds ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL");
        assertRefused(OnnxModels.identity(DataType.UINT8, -1), "input 'in' holds ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8");
        assertRefused(OnnxModels.identity(DataType.FLOAT, -1, 2, 2), "input 'in' has shape [N, 2, 2]");
        assertRefused(OnnxModels.identity(DataType.FLOAT, 1, 3), "input 'in' has shape [1, 3] with a fixed first dimension");
        assertRefused(OnnxModels.unknownWidth(), "input 'in' has shape [N, M]; its second dimension must be a fixed number");
    }

    @Test
    void refusesAZipMapOutputSayingHowToExportWithoutIt() {
        assertRefused(OnnxModels.zipMapClassifier(), "output 'output_probability' is a sequence of maps");
        assertRefused(OnnxModels.zipMapClassifier(), "'zipmap': False");
    }

    @Test
    void failsAPredictionWithTheModelAndOnnxRuntimesMessage() {
        byte[] model = OnnxModels.logisticRegression(WEIGHTS, BIAS);
        UUID version = UUID.randomUUID();
        // a signature that does not match the graph: four columns for an input of three
        ModelSignature wrong = new ModelSignature(
                List.of(new ModelInput("x", TensorType.FLOAT, List.of("a", "b", "c", "d"))),
                List.of(new ModelOutput("logit", TensorType.FLOAT, List.of())));

        assertThatThrownBy(() -> runtime.predict(version, new CountingArtifact(model), wrong,
                List.of(new InputBatch("x", TensorType.FLOAT, 2, 4, new double[8], null))))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PREDICTION_FAILED);
                    assertThat(e.detail()).startsWith("model version " + version + ": ").containsIgnoringCase("dimensions");
                });
    }

    @Test
    void failsAPredictionNamingWhatTheGraphLacks() {
        byte[] model = OnnxModels.logisticRegression(WEIGHTS, BIAS);
        ModelSignature signature = runtime.inspect(model);
        CountingArtifact artifact = new CountingArtifact(model);
        UUID version = UUID.randomUUID();

        assertPredictionFails(() -> runtime.predict(version, artifact,
                new ModelSignature(signature.inputs(), List.of(new ModelOutput("score", TensorType.FLOAT, List.of()))),
                List.of(new InputBatch("x", TensorType.FLOAT, 1, 3, new double[3], null))), "the model has no output 'score'");
        assertPredictionFails(() -> runtime.predict(version, artifact, signature,
                List.of(new InputBatch("y", TensorType.FLOAT, 1, 3, new double[3], null))), "the model has no input 'y'");
        assertPredictionFails(() -> runtime.predict(version, artifact, signature,
                List.of(new InputBatch("x", TensorType.STRING, 1, 3, null, new String[] {"a", "b", "c"}))),
                "input 'x' takes float numbers, not strings");
        // a labelled output whose labels do not fit the tensor's columns
        assertPredictionFails(() -> runtime.predict(version, artifact,
                new ModelSignature(signature.inputs(), List.of(new ModelOutput("probabilities", TensorType.FLOAT, List.of("only")))),
                List.of(new InputBatch("x", TensorType.FLOAT, 1, 3, new double[3], null))),
                "output 'probabilities' has shape [1, 2] for 1 rows; the signature expects [1, 1]");
    }

    @Test
    void failsAPredictionWhenTheStoredArtifactIsNotAModel() {
        UUID version = UUID.randomUUID();
        ModelSignature signature = runtime.inspect(OnnxModels.logisticRegression(WEIGHTS, BIAS));

        assertPredictionFails(() -> runtime.predict(version, () -> new byte[] {1, 2, 3}, signature,
                List.of(new InputBatch("x", TensorType.FLOAT, 1, 3, new double[3], null))), "model version " + version);
    }

    @Test
    void feedsARankOneInputAsAVector() {
        byte[] model = OnnxModels.identity(DataType.STRING, -1);
        ModelSignature signature = runtime.inspect(model);
        assertThat(signature.inputs()).containsExactly(new ModelInput("in", TensorType.STRING, List.of("in")));

        List<Map<String, Object>> answers = runtime.predict(UUID.randomUUID(), new CountingArtifact(model), signature,
                signature.validate(List.of(Map.of("in", "a"), Map.of("in", "ü, \"quoted\"")), "/instances"));

        assertThat(answers).containsExactly(Map.of("out", "a"), Map.of("out", "ü, \"quoted\""));
    }

    private void assertRefused(byte[] model, String detail) {
        assertThatThrownBy(() -> runtime.inspect(model)).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
            assertThat(e.pointer()).contains("/artifact");
            assertThat(e.detail()).contains(detail);
        });
    }

    private static void assertPredictionFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PREDICTION_FAILED);
            assertThat(e.detail()).contains(detail);
        });
    }
}
