package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.application.ChurnModelTraining.TrainingOutcome;
import com.platform.analytics.application.ChurnScoringService.ChurnScores;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.domain.schedule.CronSchedule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChurnScoringAndJobsTest {
    private static final LocalDate TODAY = ChurnModelTrainingTest.TODAY;

    private final OutboxRelayTest.MutableClock clock = new OutboxRelayTest.MutableClock(ChurnModelTrainingTest.NOW);
    private final InMemoryModelRegistry store = new InMemoryModelRegistry();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final LogisticModelRuntime runtime = new LogisticModelRuntime();
    private final ModelRegistryService registry = new ModelRegistryService(store, runtime, objects, clock);
    private final PredictionServiceTest.RecordingMetrics metrics = new PredictionServiceTest.RecordingMetrics();
    private final PredictionService predictions = new PredictionService(store, runtime, objects, metrics, clock);
    private final PlantedChurnFeatures features = new PlantedChurnFeatures(300, 11, TODAY);
    private final GradientLogisticTrainer trainer = GradientLogisticTrainer.fitted();
    private final ChurnModelTraining training = new ChurnModelTraining(features, trainer, registry, predictions,
            ChurnTrainingSettings.DEFAULTS, clock);
    private final ChurnScoringService scoring = new ChurnScoringService(features, registry, predictions);

    @Test
    void theTrainingJobTrainsForTheFireDayAndCountsTrainingAndHoldoutRows() throws Exception {
        ChurnTrainingJob job = new ChurnTrainingJob(training);
        assertThat(job.job().name()).isEqualTo("churn_training");
        assertThat(job.job().schedule().expression()).isEqualTo(CronSchedule.parse("0 4 * * 1").expression());

        long processed = job.run(Instant.parse("2026-03-16T04:00:00Z"));

        assertThat(processed).isEqualTo(5 * 300 + 300);
        assertThat(features.rowsCalls).extracting(PlantedChurnFeatures.RowsCall::asOf).contains(TODAY.minusDays(15),
                TODAY.minusDays(63));
        assertThat(features.refreshes).containsExactly(TODAY);
        assertThat(store.production("churn")).isPresent();
    }

    @Test
    void theRefreshJobRefreshesTheFireDaysFeatures() throws Exception {
        ChurnFeatureRefreshJob job = new ChurnFeatureRefreshJob(features);
        assertThat(job.job().name()).isEqualTo("churn_feature_refresh");
        assertThat(job.job().schedule().expression()).isEqualTo(CronSchedule.parse("30 2 * * *").expression());

        long processed = job.run(Instant.parse("2026-03-17T02:30:00Z"));

        assertThat(processed).isEqualTo(300);
        assertThat(features.refreshes).containsExactly(TODAY.plusDays(1));
        assertThat(features.churnFeatures(TODAY.plusDays(1))).hasSize(300);
    }

    @Test
    void scoresUsersFromTheFeatureTableWithTheProductionVersion() {
        TrainingOutcome outcome = training.train(TODAY);
        assertThat(store.find(outcome.modelId()).orElseThrow().stage()).isEqualTo(ModelStage.PRODUCTION);
        GradientLogisticTrainer.Logistic model = (GradientLogisticTrainer.Logistic) trainer.train(
                trainer.calls.get(0).features(), trainer.calls.get(0).rows(), trainer.calls.get(0).positive(), Map.of(), 0);
        metrics.recorded.clear();

        ChurnScores scores = scoring.scores(TODAY, List.of("u0007", "u0002", "nobody"));

        assertThat(scores.modelId()).isEqualTo(outcome.modelId());
        assertThat(scores.version()).isEqualTo(outcome.version());
        assertThat(scores.probabilities()).containsOnlyKeys("u0002", "u0007");
        for (ChurnFeatureRow row : features.churnFeatures(TODAY, List.of("u0002", "u0007"))) {
            assertThat(scores.probabilities().get(row.userPseudonym()))
                    .isCloseTo(model.probability(row.values()), within(1e-5));
        }
        // one prediction call, counted against the production version
        assertThat(metrics.recorded).hasSize(1);
        assertThat(metrics.recorded.get(0).version()).isEqualTo(outcome.version());
    }

    @Test
    void scoringWithoutAProductionVersionIsNotFound() {
        features.refreshChurnFeatures(TODAY);
        assertThatThrownBy(() -> scoring.scores(TODAY, List.of("u0001")))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ML_MODEL_NOT_FOUND));
        assertThat(store.list(Optional.empty(), Optional.empty())).isEmpty();
    }
}
