package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.application.ChurnModelTraining.Decision;
import com.platform.analytics.application.ChurnModelTraining.TrainingOutcome;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.domain.ml.evaluation.CalibrationBin;
import com.platform.analytics.domain.ml.features.ChurnFeature;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.port.out.ClassifierTrainer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChurnModelTrainingTest {
    /** A Monday. */
    static final LocalDate TODAY = LocalDate.parse("2026-03-16");
    static final Instant NOW = Instant.parse("2026-03-16T04:00:00Z");

    private final OutboxRelayTest.MutableClock clock = new OutboxRelayTest.MutableClock(NOW);
    private final InMemoryModelRegistry store = new InMemoryModelRegistry();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final LogisticModelRuntime runtime = new LogisticModelRuntime();
    private final ModelRegistryService registry = new ModelRegistryService(store, runtime, objects, clock);
    private final PredictionService predictions = new PredictionService(store, runtime, objects,
            new PredictionServiceTest.RecordingMetrics(), clock);
    /** Data through the end of yesterday: the holdout (15 days back) is labelled, later dates are not. */
    private final PlantedChurnFeatures features = new PlantedChurnFeatures(400, 7, TODAY);

    private ChurnModelTraining training(ClassifierTrainer trainer) {
        return new ChurnModelTraining(features, trainer, registry, predictions, ChurnTrainingSettings.DEFAULTS, clock);
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private Optional<ModelVersion> production() {
        return store.production("churn");
    }

    @Test
    void trainsOnEarlierSnapshotsWhoseLabelWindowsEndBeforeTheHoldoutDate() {
        GradientLogisticTrainer trainer = GradientLogisticTrainer.fitted();

        TrainingOutcome outcome = training(trainer).train(TODAY);

        List<LocalDate> trainingDates = List.of(TODAY.minusDays(63), TODAY.minusDays(56), TODAY.minusDays(49),
                TODAY.minusDays(42), TODAY.minusDays(35));
        LocalDate holdout = TODAY.minusDays(15);
        assertThat(outcome.trainingAsOf()).containsExactlyElementsOf(trainingDates);
        assertThat(outcome.holdoutAsOf()).isEqualTo(holdout);
        // the leakage check: every training label window [asOf, asOf + 14) ends at or before the holdout date, and the
        // holdout's own window ends before today (complete in the data)
        for (LocalDate d : outcome.trainingAsOf()) {
            assertThat(d.plusDays(ChurnFeature.LABEL_WINDOW_DAYS)).isBeforeOrEqualTo(holdout);
        }
        assertThat(holdout.plusDays(ChurnFeature.LABEL_WINDOW_DAYS)).isBeforeOrEqualTo(TODAY);
        assertThat(features.rowsCalls).extracting(PlantedChurnFeatures.RowsCall::asOf)
                .containsExactlyInAnyOrderElementsOf(concat(trainingDates, List.of(holdout)));
        assertThat(features.rowsCalls).allMatch(PlantedChurnFeatures.RowsCall::withLabels);

        // the trainer saw exactly the training dates' rows, in ChurnFeature order, and none of the holdout's
        assertThat(trainer.calls).hasSize(1);
        GradientLogisticTrainer.Call call = trainer.calls.get(0);
        assertThat(call.features()).isEqualTo(ChurnFeature.names());
        List<List<Double>> expected = new ArrayList<>();
        List<Boolean> expectedLabels = new ArrayList<>();
        for (LocalDate d : trainingDates) {
            for (ChurnFeatureRow r : features.generated(d)) {
                expected.add(boxed(r.values()));
                expectedLabels.add(r.churned());
            }
        }
        assertThat(call.rows().stream().map(ChurnModelTrainingTest::boxed).toList()).isEqualTo(expected);
        for (int i = 0; i < expectedLabels.size(); i++) {
            assertThat(call.positive()[i]).isEqualTo(expectedLabels.get(i));
        }
        Set<List<Double>> holdoutRows = new HashSet<>();
        features.generated(holdout).forEach(r -> holdoutRows.add(boxed(r.values())));
        assertThat(call.rows().stream().map(ChurnModelTrainingTest::boxed)).noneMatch(holdoutRows::contains);
        assertThat(call.seed()).isEqualTo(ChurnTrainingSettings.DEFAULTS.seed());
        assertThat(outcome.trainRows()).isEqualTo(5 * 400);
        assertThat(outcome.holdoutRows()).isEqualTo(400);
    }

    @Test
    void refusesSettingsWhoseTrainingLabelsWouldReachTheHoldout() {
        // 28 days back: its label window runs to 14 days back, past the holdout date 15 days back
        assertThatThrownBy(() -> new ChurnTrainingSettings(List.of(63, 28), 15, Map.of(), 1, 0.01, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use at least 29");
        assertThatThrownBy(() -> new ChurnTrainingSettings(List.of(63), 14, Map.of(), 1, 0.01, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label window is over");
        new ChurnTrainingSettings(List.of(63, 29), 15, Map.of(), 1, 0.01, 10);
    }

    @Test
    void dropsRowsWithoutLabelsAndRefusesAHoldoutWhoseLabelsAreNotKnownYet() {
        // the data ends a week ago: the holdout date's window (15 days back .. yesterday) is not complete
        PlantedChurnFeatures stale = new PlantedChurnFeatures(100, 7, TODAY.minusDays(7));
        ChurnModelTraining training = new ChurnModelTraining(stale, GradientLogisticTrainer.fitted(), registry,
                predictions, ChurnTrainingSettings.DEFAULTS, clock);

        assertThatThrownBy(() -> training.train(TODAY)).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DATA_NOT_YET_AVAILABLE);
            assertThat(e.detail()).contains("holdout rows of " + TODAY.minusDays(15), "are 0");
        });
        assertThat(store.list(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void promotesTheFirstModelWhenItBeatsTheRecencyRuleAndStoresItsEvaluation() {
        TrainingOutcome outcome = training(GradientLogisticTrainer.fitted()).train(TODAY);

        assertThat(outcome.decision()).isEqualTo(Decision.PROMOTED);
        assertThat(outcome.stage()).isEqualTo(ModelStage.PRODUCTION);
        assertThat(outcome.auc()).isGreaterThan(outcome.baselineRecencyAuc() + 0.03);
        assertThat(outcome.baselineRecencyAuc()).isGreaterThan(0.55);
        assertThat(outcome.logLoss()).isLessThan(outcome.baselineLogLoss());
        assertThat(outcome.production()).isEmpty();
        assertThat(outcome.servedMaxDifference()).isLessThan(ChurnModelTraining.SERVED_TOLERANCE);

        ModelVersion version = production().orElseThrow();
        assertThat(version.id()).isEqualTo(outcome.modelId());
        assertThat(version.version()).isEqualTo("20260316.040000");
        assertThat(version.registeredBy()).isEqualTo(BuiltInTraining.TRAINER.subject());
        assertThat(version.algorithm()).isEqualTo("test-gradient-logistic");
        assertThat(version.trainedAt()).isEqualTo(NOW);
        assertThat(version.signature().featureNames()).isEqualTo(ChurnFeature.names());
        assertThat(version.trainingDatasetRef()).contains("2026-01-12,2026-01-19", "holdout asOf 2026-03-01");
        Map<String, Object> m = version.performanceMetrics();
        assertThat(m).containsKeys("auc", "log_loss", "brier", "baseline_recency_auc", "baseline_log_loss",
                "holdout_as_of", "holdout_rows", "train_rows", "positive_rate", "calibration");
        assertThat(m.get("auc")).isEqualTo(outcome.auc());
        assertThat(m.get("holdout_as_of")).isEqualTo("2026-03-01");
        assertThat(m.get("train_rows")).isEqualTo(2000L);
        assertThat((List<?>) m.get("calibration")).hasSize(
                (int) outcome.calibration().stream().filter(b -> b.count() > 0).count());
        StageChange promotion = store.history("churn").get(1);
        assertThat(promotion.to()).isEqualTo(ModelStage.PRODUCTION);
        assertThat(promotion.reason()).contains("beats its baseline", "recency rule's AUC");
        // today's serving features refreshed
        assertThat(features.refreshes).containsExactly(TODAY);
        assertThat(outcome.refreshedRows()).isEqualTo(400);
    }

    @Test
    void leavesAFirstModelThatDoesNotBeatTheRecencyRuleInStaging() {
        // games_owned is noise in the planted data
        TrainingOutcome outcome = training(GradientLogisticTrainer.only(Set.of("games_owned"))).train(TODAY);

        assertThat(outcome.decision()).isEqualTo(Decision.STAGED);
        assertThat(outcome.auc()).isLessThan(outcome.baselineRecencyAuc());
        assertThat(store.find(outcome.modelId()).orElseThrow().stage()).isEqualTo(ModelStage.STAGING);
        assertThat(production()).isEmpty();
        assertThat(store.history("churn").get(1).reason()).contains("does not beat its baseline");
    }

    @Test
    void aWorseChallengerLeavesProductionAsItIsAndIsJudgedOnTheSameHoldoutRows() {
        TrainingOutcome champion = training(GradientLogisticTrainer.fitted()).train(TODAY);
        clock.advance(Duration.ofDays(7));
        LocalDate nextWeek = TODAY.plusDays(7);
        PlantedChurnFeatures later = new PlantedChurnFeatures(400, 7, nextWeek);
        ChurnModelTraining weak = new ChurnModelTraining(later, GradientLogisticTrainer.only(Set.of("games_owned")),
                registry, predictions, ChurnTrainingSettings.DEFAULTS, clock);

        TrainingOutcome challenger = weak.train(nextWeek);

        assertThat(challenger.decision()).isEqualTo(Decision.STAGED);
        assertThat(production().orElseThrow().id()).isEqualTo(champion.modelId());
        assertThat(store.find(challenger.modelId()).orElseThrow().stage()).isEqualTo(ModelStage.STAGING);
        ChurnModelTraining.ProductionComparison p = challenger.production().orElseThrow();
        assertThat(p.modelId()).isEqualTo(champion.modelId());
        assertThat(p.auc()).isGreaterThan(challenger.auc());
        // production scored exactly this training's holdout rows (the first training's holdout, then this one's)
        List<List<Double>> holdout = later.generated(challenger.holdoutAsOf()).stream()
                .map(r -> boxed(r.values())).toList();
        List<List<Double>> scoredByChampion = runtime.scored.get(champion.modelId());
        assertThat(scoredByChampion.subList(scoredByChampion.size() - holdout.size(), scoredByChampion.size()))
                .isEqualTo(holdout);
        assertThat(runtime.scored.get(challenger.modelId())).isEqualTo(holdout);
        assertThat(store.history("churn").get(store.history("churn").size() - 1).reason())
                .contains("does not beat production", "production version " + champion.version(),
                        String.format(java.util.Locale.ROOT, "%.4f", p.auc()),
                        String.format(java.util.Locale.ROOT, "%.4f", challenger.auc()));
    }

    @Test
    void aBetterChallengerReplacesProduction() {
        TrainingOutcome weak = training(GradientLogisticTrainer.only(Set.of("games_owned"))).train(TODAY);
        registry.changeStage(ModelRegistryServiceTest.ALICE, weak.modelId(), ModelStage.PRODUCTION, "by hand");
        clock.advance(Duration.ofMinutes(1));

        TrainingOutcome better = training(GradientLogisticTrainer.fitted()).train(TODAY);

        assertThat(better.decision()).isEqualTo(Decision.PROMOTED);
        assertThat(better.production().orElseThrow().modelId()).isEqualTo(weak.modelId());
        assertThat(better.auc()).isGreaterThan(better.production().orElseThrow().auc());
        assertThat(production().orElseThrow().id()).isEqualTo(better.modelId());
        assertThat(store.find(weak.modelId()).orElseThrow().stage()).isEqualTo(ModelStage.ARCHIVED);
        assertThat(store.history("churn").get(store.history("churn").size() - 1).reason())
                .contains("beats production", "production version " + weak.version());
    }

    @Test
    void twoTrainingsInOneMinuteGetDistinctVersions() {
        TrainingOutcome first = training(GradientLogisticTrainer.fitted()).train(TODAY);
        TrainingOutcome second = training(GradientLogisticTrainer.fitted()).train(TODAY);

        assertThat(first.version()).isEqualTo("20260316.040000");
        assertThat(second.version()).isEqualTo("20260316.040000-2");
        // the same rows, the same seed: no better than production, so not promoted
        assertThat(second.decision()).isEqualTo(Decision.STAGED);
    }

    @Test
    void marksAVersionWhoseServedModelDisagreesWithTheTrainerAsFailed() {
        GradientLogisticTrainer trainer = GradientLogisticTrainer.fitted();
        trainer.servedBiasError = 0.01;

        TrainingOutcome outcome = training(trainer).train(TODAY);

        assertThat(outcome.decision()).isEqualTo(Decision.FAILED);
        assertThat(outcome.servedMaxDifference()).isGreaterThan(ChurnModelTraining.SERVED_TOLERANCE);
        assertThat(store.find(outcome.modelId()).orElseThrow().stage()).isEqualTo(ModelStage.FAILED);
        assertThat(production()).isEmpty();
    }

    private static ChurnFeatureRow row(String user, LocalDate asOf, double recency, double friends, boolean churned) {
        double[] v = new double[ChurnFeature.values().length];
        v[ChurnFeature.RECENCY_DAYS.ordinal()] = recency;
        v[ChurnFeature.FRIENDS_TOTAL.ordinal()] = friends;
        return new ChurnFeatureRow(user, asOf, v, churned);
    }

    @Test
    void figuresEqualTheHandComputedOnesOnATinySet() {
        for (int lag : ChurnTrainingSettings.DEFAULTS.trainingLagsDays()) {
            LocalDate d = TODAY.minusDays(lag);
            // one churner in four on every training date: base rate 0.25
            features.rows(d, List.of(row("a", d, 1, 0, false), row("b", d, 2, 0, false), row("c", d, 3, 0, false),
                    row("d", d, 9, 0, true)));
        }
        LocalDate h = TODAY.minusDays(15);
        // recency 1, 4, 5, 3 with churned F, T, F, T; friends 2, 1, 0, 3
        features.rows(h, List.of(row("a", h, 1, 2, false), row("b", h, 4, 1, true), row("c", h, 5, 0, false),
                row("d", h, 3, 3, true)));
        // p = sigmoid(0.5 - 0.4 friends): by friends 2, 1, 0, 3
        TrainingOutcome outcome = training(GradientLogisticTrainer.fixed(fixedWeights())).train(TODAY);

        double[] p = {sig(0.5 - 0.8), sig(0.5 - 0.4), sig(0.5), sig(0.5 - 1.2)};
        boolean[] y = {false, true, false, true};
        // AUC by counting pairs: positives b (p[1]), d (p[3]); negatives a (p[0]), c (p[2]):
        // p[1] > p[0] yes, p[1] > p[2] no, p[3] > p[0] no, p[3] > p[2] no
        assertThat(outcome.auc()).isEqualTo(0.25);
        double logLoss = -(Math.log(1 - p[0]) + Math.log(p[1]) + Math.log(1 - p[2]) + Math.log(p[3])) / 4;
        assertThat(outcome.logLoss()).isCloseTo(logLoss, within(1e-12));
        double brier = (p[0] * p[0] + (1 - p[1]) * (1 - p[1]) + p[2] * p[2] + (1 - p[3]) * (1 - p[3])) / 4;
        assertThat(outcome.brier()).isCloseTo(brier, within(1e-12));
        // recency: positives 4, 3; negatives 1, 5: 4 > 1, 4 < 5, 3 > 1, 3 < 5
        assertThat(outcome.baselineRecencyAuc()).isEqualTo(0.5);
        assertThat(outcome.positiveRate()).isEqualTo(0.25);
        assertThat(outcome.holdoutPositiveRate()).isEqualTo(0.5);
        assertThat(outcome.baselineLogLoss()).isCloseTo(-(2 * Math.log(0.25) + 2 * Math.log(0.75)) / 4, within(1e-12));
        // p = 0.426, 0.525, 0.622, 0.332: one each in bins 0.4 (a), 0.5 (b), 0.6 (c), 0.3 (d)
        assertThat(outcome.calibration()).hasSize(10);
        assertThat(outcome.calibration()).extracting(CalibrationBin::count).containsExactly(0L, 0L, 0L, 1L, 1L, 1L, 1L,
                0L, 0L, 0L);
        CalibrationBin fifth = outcome.calibration().get(5);
        assertThat(fifth.meanPredicted()).isCloseTo(p[1], within(1e-12));
        assertThat(fifth.observedRate()).isEqualTo(1.0);
        assertThat(outcome.calibration().get(4).observedRate()).isEqualTo(0.0);
        assertThat(outcome.trainRows()).isEqualTo(20);
        assertThat(outcome.holdoutRows()).isEqualTo(4);
        // worse than the recency rule: not promoted
        assertThat(outcome.decision()).isEqualTo(Decision.STAGED);
    }

    private static double[] fixedWeights() {
        double[] biasAndWeights = new double[ChurnFeature.values().length + 1];
        biasAndWeights[0] = 0.5;
        biasAndWeights[1 + ChurnFeature.FRIENDS_TOTAL.ordinal()] = -0.4;
        return biasAndWeights;
    }

    private static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
