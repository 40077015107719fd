package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.port.in.ModelRegistryUseCase.ModelRegistration;
import com.platform.analytics.port.in.PredictionUseCase.PredictionResult;
import com.platform.analytics.port.out.OperationalMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionServiceTest {
    private final OutboxRelayTest.MutableClock clock = new OutboxRelayTest.MutableClock(ModelRegistryServiceTest.T0);
    private final InMemoryModelRegistry store = new InMemoryModelRegistry();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final SummingModelRuntime runtime = new SummingModelRuntime(clock);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final ModelRegistryService registry = new ModelRegistryService(store, runtime, objects, clock);
    private final PredictionService predictions = new PredictionService(store, runtime, objects, metrics, clock);

    record Prediction(String model, String version, Duration duration, boolean failed) {
    }

    static final class RecordingMetrics implements OperationalMetrics {
        final List<Prediction> recorded = new ArrayList<>();

        @Override
        public synchronized void prediction(String model, String version, Duration duration, boolean failed) {
            recorded.add(new Prediction(model, version, duration, failed));
        }
    }

    private ModelVersion registered(String version, double weight) {
        return registry.register(ModelRegistryServiceTest.ALICE, ModelRegistryServiceTest.onnx("churn", version,
                SummingModelRuntime.model(weight, 2), null));
    }

    private static Map<String, Object> row(double a, double b) {
        return Map.of("x_0", a, "x_1", b);
    }

    private PredictionResult predict(String nameOrId, List<?> instances) {
        return predictions.predict(ModelRegistryServiceTest.ALICE, nameOrId, instances);
    }

    @Test
    void predictsWithTheProductionVersionOfAName() {
        ModelVersion v1 = registered("1", 1);
        ModelVersion v2 = registered("2", 10);
        registry.changeStage(ModelRegistryServiceTest.ALICE, v1.id(), ModelStage.PRODUCTION, null);

        PredictionResult first = predict("churn", List.of(row(1, 2), row(3, 4.5)));

        assertThat(first.modelId()).isEqualTo(v1.id());
        assertThat(first.version()).isEqualTo("1");
        assertThat(first.predictions()).containsExactly(Map.of("score", 3.0), Map.of("score", 7.5));

        registry.changeStage(ModelRegistryServiceTest.ALICE, v2.id(), ModelStage.PRODUCTION, null);
        PredictionResult second = predict("churn", List.of(row(1, 2)));

        assertThat(second.modelId()).isEqualTo(v2.id());
        assertThat(second.predictions()).containsExactly(Map.of("score", 30.0));
        assertThat(metrics.recorded).containsExactly(new Prediction("churn", "1", Duration.ofMillis(7), false),
                new Prediction("churn", "2", Duration.ofMillis(7), false));
    }

    @Test
    void predictsWithAnyVersionByIdIncludingArchivedOnesAndLoadsEachOnce() {
        ModelVersion v1 = registered("1", 1);
        ModelVersion v2 = registered("2", 10);
        registry.changeStage(ModelRegistryServiceTest.ALICE, v1.id(), ModelStage.PRODUCTION, null);
        registry.changeStage(ModelRegistryServiceTest.ALICE, v2.id(), ModelStage.PRODUCTION, null);

        // the archived v1, to reproduce what it predicted
        assertThat(predict(v1.id().toString(), List.of(row(1, 1))).predictions()).containsExactly(Map.of("score", 2.0));
        assertThat(predict(v1.id().toString(), List.of(row(2, 2))).predictions()).containsExactly(Map.of("score", 4.0));
        // a development version, to try it before promoting
        ModelVersion v3 = registered("3", 100);
        assertThat(predict(v3.id().toString(), List.of(row(1, 1))).version()).isEqualTo("3");

        assertThat(runtime.loads).containsExactly(v1.id(), v3.id());
    }

    @Test
    void neverServesAFailedVersion() {
        ModelVersion v = registered("1", 1);
        registry.changeStage(ModelRegistryServiceTest.ALICE, v.id(), ModelStage.FAILED, "auc 0.5");

        assertThatThrownBy(() -> predict(v.id().toString(), List.of(row(1, 1))))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ML_MODEL_NOT_FOUND);
                    assertThat(e.detail()).contains("failed", "never served");
                });
        assertThat(runtime.loads).isEmpty();
    }

    @Test
    void refusesUnknownModelsAndBuiltInFormatsAsNotFound() {
        registered("1", 1);
        assertThatThrownBy(() -> predict("churn", List.of(row(1, 1)))).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.detail()).contains("none in production"));
        assertThatThrownBy(() -> predict("fraud", List.of(row(1, 1)))).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ML_MODEL_NOT_FOUND));
        ModelVersion forecast = registry.registerBuiltIn(ModelRegistryServiceTest.ALICE, new ModelRegistration("sales",
                "1", ModelFormat.FORECAST, null, null, null, Map.of(), Map.of(), null, null,
                SummingModelRuntime.signatureOf(2), "{}".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> predict(forecast.id().toString(), List.of(row(1, 1))))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ML_MODEL_NOT_FOUND);
                    assertThat(e.detail()).contains("forecast");
                });
        // nothing was asked of a model: nothing to count per model and version
        assertThat(metrics.recorded).isEmpty();
    }

    @Test
    void refusesBadInstancesByFeatureCountingTheRequestButNoModelError() {
        ModelVersion v = registered("1", 1);

        assertThatThrownBy(() -> predict(v.id().toString(), List.of(row(1, 1), Map.of("x_0", 1.0, "x_2", 2.0))))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
                    assertThat(e.pointer()).contains("/instances/1/x_2");
                });

        assertThat(runtime.loads).isEmpty();
        assertThat(metrics.recorded).containsExactly(new Prediction("churn", "1", Duration.ZERO, false));
    }

    @Test
    void translatesAnyOtherRuntimeFailureToPredictionFailedAndCountsIt() {
        ModelVersion v = registered("1", 1);
        objects.put(v.artifactPath(), "crash".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> predict(v.id().toString(), List.of(row(1, 1))))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PREDICTION_FAILED);
                    assertThat(e.detail()).contains("'churn' version 1", "native session crashed");
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
                });

        assertThat(metrics.recorded).containsExactly(new Prediction("churn", "1", Duration.ofMillis(7), true));
    }

    @Test
    void passesTheRuntimesOwnTranslationOnAndCountsIt() {
        ModelVersion v = registered("1", -1);

        assertThatThrownBy(() -> predict(v.id().toString(), List.of(row(1, 1))))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PREDICTION_FAILED);
                    assertThat(e.detail()).isEqualTo("negative weights fail, translated");
                });

        assertThat(metrics.recorded).singleElement().satisfies(p -> assertThat(p.failed()).isTrue());
    }

    @Test
    void reportsAMissingArtifactAsModelNotFoundAndCountsIt() {
        ModelVersion v = registered("1", 1);
        objects.delete(v.artifactPath());

        assertThatThrownBy(() -> predict(v.id().toString(), List.of(row(1, 1))))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ML_MODEL_NOT_FOUND);
                    assertThat(e.detail()).contains("artifact", "missing", v.artifactPath());
                });

        assertThat(metrics.recorded).singleElement().satisfies(p -> assertThat(p.failed()).isTrue());
    }

    /** A scorer for the fraud format that answers what it is told, to prove the dispatch and its checks. */
    private static final class ScriptedScorer implements BuiltInScorer {
        private final ModelFormat format;
        private final List<Map<String, Object>> answer;
        int calls;

        ScriptedScorer(ModelFormat format, List<Map<String, Object>> answer) {
            this.format = format;
            this.answer = answer;
        }

        @Override
        public ModelFormat format() {
            return format;
        }

        @Override
        public List<Map<String, Object>> score(ModelVersion version, java.util.function.Supplier<byte[]> artifact,
                List<?> instances) {
            calls++;
            return answer;
        }
    }

    private ModelVersion isolationForest() {
        return registry.registerBuiltIn(ModelRegistryServiceTest.ALICE, new ModelRegistration("fraud", "1",
                ModelFormat.ISOLATION_FOREST, null, null, null, Map.of(), Map.of(), null, null,
                SummingModelRuntime.signatureOf(2), "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dispatchesABuiltInFormatToItsScorerWithoutTheSignaturesValidation() {
        ModelVersion fraud = isolationForest();
        ScriptedScorer scorer = new ScriptedScorer(ModelFormat.ISOLATION_FOREST, List.of(Map.of("score", 0.7)));
        PredictionService withScorer = new PredictionService(store, runtime, objects, metrics, clock, List.of(scorer));

        // "payment" is no feature of the signature: the scorer, not the signature, judges the instance
        PredictionResult result = withScorer.predict(ModelRegistryServiceTest.ALICE, fraud.id().toString(),
                List.of(Map.of("payment", "t-1")));

        assertThat(result.predictions()).containsExactly(Map.of("score", 0.7));
        assertThat(scorer.calls).isOne();
        assertThat(runtime.loads).isEmpty();
        assertThat(metrics.recorded).containsExactly(new Prediction("fraud", "1", Duration.ZERO, false));
    }

    @Test
    void aScorerAnsweringTheWrongNumberOfPredictionsFailsAndIsCounted() {
        ModelVersion fraud = isolationForest();
        PredictionService withScorer = new PredictionService(store, runtime, objects, metrics, clock,
                List.of(new ScriptedScorer(ModelFormat.ISOLATION_FOREST, List.of())));

        assertThatThrownBy(() -> withScorer.predict(ModelRegistryServiceTest.ALICE, fraud.id().toString(),
                List.of(Map.of("payment", "t-1")))).isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PREDICTION_FAILED));
        assertThat(metrics.recorded).singleElement().satisfies(p -> assertThat(p.failed()).isTrue());
    }

    @Test
    void aBuiltInFormatWithoutAScorerIsNotServed() {
        ModelVersion fraud = isolationForest();
        PredictionService forecastsOnly = new PredictionService(store, runtime, objects, metrics, clock,
                List.of(new SalesForecastScorer(), new GameRecommendationScorer()));

        assertThatThrownBy(() -> forecastsOnly.predict(ModelRegistryServiceTest.ALICE, fraud.id().toString(),
                List.of(Map.of("x_0", 1.0)))).isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ML_MODEL_NOT_FOUND);
                    assertThat(e.detail()).contains("isolation_forest", "does not serve");
                });
        assertThat(metrics.recorded).isEmpty();
    }

    @Test
    void refusesTwoScorersForOneFormatAndAScorerForOnnx() {
        assertThatThrownBy(() -> new PredictionService(store, runtime, objects, metrics, clock,
                List.of(new SalesForecastScorer(), new SalesForecastScorer())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forecast");
        assertThatThrownBy(() -> new PredictionService(store, runtime, objects, metrics, clock,
                List.of(new ScriptedScorer(ModelFormat.ONNX, List.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ModelRuntime");
    }
}
