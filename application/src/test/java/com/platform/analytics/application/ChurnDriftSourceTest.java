package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.domain.ml.features.ChurnFeature;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.port.in.PredictionUseCase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChurnDriftSourceTest {
    private static final List<String> NAMES = ChurnFeature.names();

    /** Serves churnFeatures(asOf) from a map; nothing else. */
    private static final class ChurnTable extends UnservedModelFeatures {
        final Map<LocalDate, List<ChurnFeatureRow>> byDay = new LinkedHashMap<>();

        @Override
        public List<ChurnFeatureRow> churnFeatures(LocalDate asOf) {
            return byDay.getOrDefault(asOf, List.of());
        }
    }

    /** The model's "probability" output: the first feature over 100 as the churned class's share. */
    private static final class Probabilities implements PredictionUseCase {
        final List<String> asked = new ArrayList<>();

        @Override
        public PredictionResult predict(Principal caller, String modelNameOrId, List<?> instances) {
            asked.add(modelNameOrId);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object i : instances) {
                double p = ((Number) ((Map<?, ?>) i).get(NAMES.get(0))).doubleValue() / 100;
                Map<String, Object> probability = new LinkedHashMap<>();
                probability.put("retained", 1 - p);
                probability.put("churned", p);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("label", p > 0.5 ? 1L : 0L);
                answer.put("probability", probability);
                out.add(answer);
            }
            return new PredictionResult(UUID.randomUUID(), "churn", "1", out);
        }
    }

    @Test
    void readsTheNextDaysFeatureRowsAndTheNamedProbability() {
        ChurnTable table = new ChurnTable();
        LocalDate day = LocalDate.parse("2026-04-01");
        List<ChurnFeatureRow> rows = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            double[] values = new double[NAMES.size()];
            values[0] = u * 5;
            values[1] = u;
            rows.add(new ChurnFeatureRow("u" + u, day.plusDays(1), values, null));
        }
        table.byDay.put(day.plusDays(1), rows);
        Probabilities predictions = new Probabilities();
        ChurnDriftSource source = new ChurnDriftSource("churn", table, predictions);

        List<double[]> training = rows.stream().map(ChurnFeatureRow::values).toList();
        double[] trainingPredictions = rows.stream().mapToDouble(r -> r.values()[0] / 100).toArray();
        Map<String, Object> metrics = Json.parseObject(Json.write(Map.of(DriftBaselines.KEY,
                DriftBaselines.of(NAMES, training, trainingPredictions, "probability", "churned"))));
        ModelVersion version = version(metrics);
        DriftBaselines.Baselines baselines = DriftBaselines.in(metrics).orElseThrow();
        assertThat(baselines.predictionOutput()).hasValue("probability");
        assertThat(baselines.predictionLabel()).hasValue("churned");

        DriftSource.Sample sample = source.day(version, baselines, day).orElseThrow();
        assertThat(sample.features().keySet()).containsExactlyElementsOf(NAMES);
        assertThat(sample.features().get(NAMES.get(1))).containsExactly(rows.stream().mapToDouble(r -> r.values()[1]).toArray());
        assertThat(sample.predictions()).containsExactly(trainingPredictions);
        assertThat(predictions.asked).containsExactly(version.id().toString());
        assertThat(source.day(version, baselines, day.plusDays(5))).isEmpty();

        // the same day against its own baseline: no drift at all
        assertThat(baselines.prediction().compare(sample.predictions(), 1e-4).value()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutNamesTheFirstOutputAndItsLastLabelAreTaken() {
        DriftBaselines.Baselines unnamed = DriftBaselines.in(Json.parseObject(Json.write(Map.of(DriftBaselines.KEY,
                DriftBaselines.of(List.of("a"), List.of(new double[] {1}, new double[] {2}), new double[] {0.1, 0.2})))))
                .orElseThrow();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("probability", new LinkedHashMap<>(Map.of("0", 0.3)));
        ((Map<String, Object>) answer.get("probability")).put("1", 0.7);
        assertThat(ChurnDriftSource.prediction(answer, unnamed)).isEqualTo(0.7);
        assertThat(ChurnDriftSource.prediction(Map.of("score", 0.4), unnamed)).isEqualTo(0.4);
        assertThatThrownBy(() -> ChurnDriftSource.prediction(Map.of("label", "yes"), unnamed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no numeric prediction");
    }

    private static ModelVersion version(Map<String, Object> metrics) {
        Instant at = Instant.parse("2026-03-31T00:00:00Z");
        return new ModelVersion(UUID.randomUUID(), "churn", "1", ModelFormat.ONNX, "м", "m", "sgd", Map.of(), null,
                metrics, "ml_models/model_name=churn/version=1/model.onnx", ModelStage.PRODUCTION,
                new ModelSignature(List.of(new ModelInput("features", TensorType.DOUBLE, NAMES)),
                        List.of(new ModelOutput("probability", TensorType.DOUBLE, List.of("retained", "churned")))),
                "trainer", at, at, at);
    }
}
