package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.evaluation.CalibrationBin;
import com.platform.analytics.domain.ml.evaluation.ClassifierMetrics;
import com.platform.analytics.domain.ml.features.ChurnFeature;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.port.in.ModelRegistryUseCase;
import com.platform.analytics.port.in.ModelRegistryUseCase.ModelRegistration;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.out.ClassifierTrainer;
import com.platform.analytics.port.out.ClassifierTrainer.TrainedClassifier;
import com.platform.analytics.port.out.ModelFeatures;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The built-in churn model's life cycle: train on past snapshots of the warehouse's point-in-time features, judge on a
 * later snapshot nobody trained on, register, and promote only what beats the current production version (or, with
 * none yet, the recency rule) on that same holdout.
 *
 * <h2>The time split</h2>
 * With today = T and the {@link ChurnTrainingSettings#DEFAULTS} (training 63, 56, 49, 42, 35 days back, holdout 15
 * days back, label windows of {@value ChurnFeature#LABEL_WINDOW_DAYS} days):
 * <pre>
 *   (T = today)   |      |      |      |      |             |     |              |
 *                 T-63          T-49          T-35          T-21  T-15           T
 *   train T-63    [=============)
 *   train T-56           [=============)
 *   train T-49                  [=============)
 *   train T-42                         [=============)
 *   train T-35                                [=============)
 *   holdout T-15                                                  [=============)
 *   a row dated D: features from the events before D (left of its '['), label from [D, D + 14 days)
 *   the last training label window ends at T-21 &lt;= T-15, the holdout date; the holdout's ends at T-1, complete at T
 * </pre>
 * Every training label window ends at or before the holdout date ({@link ChurnTrainingSettings} refuses lags where it
 * would not), so everything the model learns from, features and labels, happened before the holdout date, and the
 * holdout labels only after it: a strictly out-of-time test. A user appears in several snapshots (different points in
 * time, different features) and may appear in the holdout as well: the holdout row's features may well include the
 * days of that user's training labels, which is no leak, as they were past at the holdout date too. The holdout's
 * label window ends yesterday, so it is complete once the data reaches today; rows whose label the warehouse cannot
 * know yet (null) are dropped everywhere.
 *
 * <h2>Judging</h2>
 * On the holdout: the model's AUC, log-loss, Brier score and calibration table; the recency rule's AUC (the score is
 * {@code recency_days}: the longer away, the likelier gone) and the base-rate log-loss (every user given the training
 * rows' churn rate, which is known before the holdout date). The registered ONNX artifact then scores the holdout
 * through {@link PredictionUseCase}, as it will be served: it must agree with the trainer's own probabilities within
 * {@value #SERVED_TOLERANCE}, or the version is marked failed. With a production version, that version scores the
 * same holdout rows the same way and the new one is promoted when its AUC is higher and its log-loss not worse by more
 * than {@link ChurnTrainingSettings#logLossTolerance}; without one, when it beats the recency rule's AUC and the
 * base-rate log-loss. Otherwise it goes to staging, with the figures in the recorded reason.
 */
public final class ChurnModelTraining {
    /** The built-in churn model's name in the registry. */
    public static final String MODEL_NAME = ChurnModel.NAME;

    /** How far the served (float) probabilities may lie from the trainer's own (double) ones. */
    static final double SERVED_TOLERANCE = 1e-4;


    private final ModelFeatures features;
    private final ClassifierTrainer trainer;
    private final ModelRegistryUseCase registry;
    private final PredictionUseCase predictions;
    private final ChurnTrainingSettings settings;
    private final Clock clock;

    @Inject
    public ChurnModelTraining(ModelFeatures features, ClassifierTrainer trainer, ModelRegistryUseCase registry,
            PredictionUseCase predictions, ChurnTrainingSettings settings, Clock clock) {
        this.features = requireNonNull(features, "features is null");
        this.trainer = requireNonNull(trainer, "trainer is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.predictions = requireNonNull(predictions, "predictions is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What became of a new version. */
    public enum Decision {
        /** Now in production. */
        PROMOTED,
        /** In staging: it did not beat production (or the baseline). */
        STAGED,
        /** Failed: its served artifact did not agree with the trainer. */
        FAILED
    }

    /** Production's figures on the same holdout rows. */
    public record ProductionComparison(UUID modelId, String version, double auc, double logLoss) {
        public ProductionComparison {
            requireNonNull(modelId, "modelId is null");
            requireNonNull(version, "version is null");
        }
    }

    /**
     * A training's figures and decision.
     *
     * @param positiveRate the training rows' churn rate (the base rate of the baseline log-loss)
     * @param production production's figures, empty when there was none (or it could not score the holdout: the reason
     *     says so)
     * @param servedMaxDifference the largest difference between a served and the trainer's own holdout probability
     * @param refreshedRows the rows the refresh of today's serving features wrote
     */
    public record TrainingOutcome(UUID modelId, String version, List<LocalDate> trainingAsOf, LocalDate holdoutAsOf,
            long trainRows, long holdoutRows, double positiveRate, double holdoutPositiveRate, double auc, double logLoss,
            double brier, List<CalibrationBin> calibration, double baselineRecencyAuc, double baselineLogLoss,
            Optional<ProductionComparison> production, double servedMaxDifference, Decision decision, ModelStage stage,
            String reason, long refreshedRows) {
        public TrainingOutcome {
            requireNonNull(modelId, "modelId is null");
            requireNonNull(version, "version is null");
            trainingAsOf = List.copyOf(trainingAsOf);
            requireNonNull(holdoutAsOf, "holdoutAsOf is null");
            calibration = List.copyOf(calibration);
            requireNonNull(production, "production is null");
            requireNonNull(decision, "decision is null");
            requireNonNull(stage, "stage is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Trains, judges, registers and places a new churn version, then refreshes today's serving features.
     *
     * @throws AnalyticsException {@code DATA_NOT_YET_AVAILABLE} when the training or holdout rows with known labels
     *     lack one of the classes (the data does not reach far enough back or forward)
     */
    public TrainingOutcome train(LocalDate today) {
        requireNonNull(today, "today is null");
        List<LocalDate> trainingDates = settings.trainingLagsDays().stream().sorted((a, b) -> b - a)
                .map(today::minusDays).toList();
        LocalDate holdoutDate = today.minusDays(settings.holdoutLagDays());

        List<ChurnFeatureRow> training = new ArrayList<>();
        for (LocalDate date : trainingDates) {
            training.addAll(labelled(features.churnRows(date, true)));
        }
        List<ChurnFeatureRow> holdout = labelled(features.churnRows(holdoutDate, true));
        boolean[] trainLabels = labels(training);
        boolean[] holdoutLabels = labels(holdout);
        requireBothClasses("training rows of " + trainingDates, trainLabels);
        requireBothClasses("holdout rows of " + holdoutDate, holdoutLabels);

        TrainedClassifier trained = trainer.train(ChurnFeature.names(),
                training.stream().map(ChurnFeatureRow::values).toList(), trainLabels, settings.hyperparameters(),
                settings.seed());
        double[] probability = new double[holdout.size()];
        double[] recency = new double[holdout.size()];
        for (int i = 0; i < holdout.size(); i++) {
            probability[i] = trained.probability(holdout.get(i).values());
            recency[i] = holdout.get(i).value(ChurnFeature.RECENCY_DAYS);
        }
        double positiveRate = rate(trainLabels);
        double auc = ClassifierMetrics.rocAuc(holdoutLabels, probability);
        double logLoss = ClassifierMetrics.logLoss(holdoutLabels, probability);
        double brier = ClassifierMetrics.brierScore(holdoutLabels, probability);
        List<CalibrationBin> calibration = ClassifierMetrics.calibration(holdoutLabels, probability,
                settings.calibrationBins());
        double baselineAuc = ClassifierMetrics.rocAuc(holdoutLabels, recency);
        double[] baseRate = new double[holdout.size()];
        Arrays.fill(baseRate, positiveRate);
        double baselineLogLoss = ClassifierMetrics.logLoss(holdoutLabels, baseRate);

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("auc", auc);
        metrics.put("log_loss", logLoss);
        metrics.put("brier", brier);
        metrics.put("baseline_recency_auc", baselineAuc);
        metrics.put("baseline_log_loss", baselineLogLoss);
        metrics.put("holdout_as_of", holdoutDate.toString());
        metrics.put("holdout_rows", (long) holdout.size());
        metrics.put("train_rows", (long) training.size());
        metrics.put("positive_rate", positiveRate);
        metrics.put("holdout_positive_rate", rate(holdoutLabels));
        metrics.put("calibration", calibrationJson(calibration));
        // the population the model was judged on, the reference the daily drift check compares with
        metrics.put(DriftBaselines.KEY, DriftBaselines.of(ChurnFeature.names(),
                holdout.stream().map(ChurnFeatureRow::values).toList(), probability,
                trained.signature().outputs().stream().filter(o -> o.labels().contains(ChurnModel.POSITIVE_LABEL))
                        .map(ModelOutput::name).findFirst().orElse(null), ChurnModel.POSITIVE_LABEL));

        Instant trainedAt = clock.instant();
        ModelVersion registered = registry.register(BuiltInTraining.TRAINER, new ModelRegistration(ChurnModel.NAME,
                BuiltInTraining.newVersion(registry, ChurnModel.NAME, trainedAt), ModelFormat.ONNX,
                "Вероятность оттока: нет активности в следующие " + ChurnFeature.LABEL_WINDOW_DAYS + " дней",
                "Churn probability: no activity in the next " + ChurnFeature.LABEL_WINDOW_DAYS + " days",
                trained.algorithm(), trained.hyperparameters(), metrics, datasetRef(trainingDates, holdoutDate), trainedAt,
                trained.signature(), trained.onnx()));

        String figures = String.format(Locale.ROOT, "AUC %.4f, log-loss %.4f on %d holdout rows of %s", auc, logLoss,
                holdout.size(), holdoutDate);
        double servedDifference = 0;
        String servingFailure = null;
        try {
            double[] served = ChurnModel.probabilities(predictions, registered, holdout);
            for (int i = 0; i < served.length; i++) {
                servedDifference = Math.max(servedDifference, Math.abs(served[i] - probability[i]));
            }
        } catch (AnalyticsException e) {
            // a version that cannot be served is kept for the record, never promoted
            servedDifference = Double.NaN;
            servingFailure = e.getMessage();
        }
        Optional<ProductionComparison> production = Optional.empty();
        Decision decision;
        String reason;
        if (servingFailure != null) {
            decision = Decision.FAILED;
            reason = "the registered ONNX model could not score the holdout: " + servingFailure + "; " + figures;
        } else if (!(servedDifference <= SERVED_TOLERANCE)) {
            decision = Decision.FAILED;
            reason = String.format(Locale.ROOT, "the served ONNX model differs from the trainer by up to %.6f (at most"
                    + " %.6f allowed); %s", servedDifference, SERVED_TOLERANCE, figures);
        } else {
            Optional<ModelVersion> current = registry.models(Optional.of(ChurnModel.NAME), Optional.of(ModelStage.PRODUCTION))
                    .stream().findFirst();
            if (current.isEmpty()) {
                boolean beats = auc > baselineAuc && logLoss < baselineLogLoss;
                decision = beats ? Decision.PROMOTED : Decision.STAGED;
                reason = String.format(Locale.ROOT, "%s: %s against the recency rule's AUC %.4f and the base-rate"
                        + " log-loss %.4f; no production version yet",
                        beats ? "beats its baseline" : "does not beat its baseline", figures, baselineAuc, baselineLogLoss);
            } else {
                ModelVersion champion = current.get();
                double[] championProbability = null;
                String unscored = null;
                try {
                    championProbability = ChurnModel.probabilities(predictions, champion, holdout);
                } catch (AnalyticsException e) {
                    unscored = e.getMessage();
                }
                if (championProbability == null) {
                    decision = Decision.STAGED;
                    reason = "production version " + champion.version() + " could not score the same holdout ("
                            + unscored + "), so nothing shows this one is better; " + figures;
                } else {
                    double championAuc = ClassifierMetrics.rocAuc(holdoutLabels, championProbability);
                    double championLogLoss = ClassifierMetrics.logLoss(holdoutLabels, championProbability);
                    production = Optional.of(new ProductionComparison(champion.id(), champion.version(), championAuc,
                            championLogLoss));
                    boolean beats = auc > championAuc && logLoss <= championLogLoss + settings.logLossTolerance();
                    decision = beats ? Decision.PROMOTED : Decision.STAGED;
                    reason = String.format(Locale.ROOT, "%s: %s against production version %s's AUC %.4f, log-loss %.4f on"
                            + " the same rows (log-loss tolerance %.4f)",
                            beats ? "beats production" : "does not beat production", figures, champion.version(),
                            championAuc, championLogLoss, settings.logLossTolerance());
                }
            }
        }
        return finish(registered, trainingDates, holdoutDate, training, holdout, positiveRate, holdoutLabels, auc,
                logLoss, brier, calibration, baselineAuc, baselineLogLoss, production, servedDifference, decision, reason,
                today);
    }

    private TrainingOutcome finish(ModelVersion registered, List<LocalDate> trainingDates, LocalDate holdoutDate,
            List<ChurnFeatureRow> training, List<ChurnFeatureRow> holdout, double positiveRate, boolean[] holdoutLabels,
            double auc, double logLoss, double brier, List<CalibrationBin> calibration, double baselineAuc,
            double baselineLogLoss, Optional<ProductionComparison> production, double servedDifference, Decision decision,
            String reason, LocalDate today) {
        ModelStage to = switch (decision) {
            case PROMOTED -> ModelStage.PRODUCTION;
            case STAGED -> ModelStage.STAGING;
            case FAILED -> ModelStage.FAILED;
        };
        ModelVersion placed = registry.changeStage(BuiltInTraining.TRAINER, registered.id(), to, reason);
        long refreshed = features.refreshChurnFeatures(today);
        return new TrainingOutcome(placed.id(), placed.version(), trainingDates, holdoutDate, training.size(),
                holdout.size(), positiveRate, rate(holdoutLabels), auc, logLoss, brier, calibration, baselineAuc,
                baselineLogLoss, production, servedDifference, decision, placed.stage(), reason, refreshed);
    }

    private static List<ChurnFeatureRow> labelled(List<ChurnFeatureRow> rows) {
        return rows.stream().filter(ChurnFeatureRow::labelled).toList();
    }

    private static boolean[] labels(List<ChurnFeatureRow> rows) {
        boolean[] labels = new boolean[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rows.get(i).churned();
        }
        return labels;
    }

    private static double rate(boolean[] labels) {
        long positives = 0;
        for (boolean b : labels) {
            if (b) {
                positives++;
            }
        }
        return labels.length == 0 ? 0 : (double) positives / labels.length;
    }

    private static void requireBothClasses(String what, boolean[] labels) {
        double rate = rate(labels);
        if (labels.length == 0 || rate == 0 || rate == 1) {
            throw new AnalyticsException(ErrorCode.DATA_NOT_YET_AVAILABLE, "the churn model cannot be trained: the "
                    + what + " with known labels are " + labels.length + " with churn rate " + rate
                    + "; both churned and retained users are needed (does the data reach that far?)");
        }
    }

    /** Populated bins only: an empty bin's means are NaN, which JSON cannot carry. */
    private static List<Object> calibrationJson(List<CalibrationBin> bins) {
        List<Object> json = new ArrayList<>();
        for (CalibrationBin bin : bins) {
            if (bin.count() == 0) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("lower", bin.lower());
            row.put("upper", bin.upper());
            row.put("count", bin.count());
            row.put("mean_predicted", bin.meanPredicted());
            row.put("observed_rate", bin.observedRate());
            json.add(row);
        }
        return json;
    }

    private static String datasetRef(List<LocalDate> trainingDates, LocalDate holdoutDate) {
        return "churn feature rows (point-in-time, labels " + ChurnFeature.LABEL_WINDOW_DAYS + " d); train asOf "
                + trainingDates.stream().map(LocalDate::toString).collect(Collectors.joining(",")) + "; holdout asOf "
                + holdoutDate;
    }
}
