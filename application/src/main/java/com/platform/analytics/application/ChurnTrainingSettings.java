package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.features.ChurnFeature;
import java.util.List;
import java.util.Map;

/**
 * How the churn model is trained and judged.
 *
 * @param trainingLagsDays the training rows' dates, as days before the training day (say 63, 56, 49, 42, 35: five
 *     weekly snapshots); each must be at least {@code holdoutLagDays + }{@value ChurnFeature#LABEL_WINDOW_DAYS}, so
 *     that every training label window ends at or before the holdout date (nothing the model learns from happened on
 *     or after the holdout date)
 * @param holdoutLagDays the holdout rows' date, as days before the training day; at least
 *     {@value ChurnFeature#LABEL_WINDOW_DAYS} + 1 so that its label window ends before the training day (15: it ends
 *     yesterday, complete when the data reaches yesterday's end)
 * @param hyperparameters given to the {@link com.platform.analytics.port.out.ClassifierTrainer} as they are
 * @param seed the trainer's randomness, so a training on the same rows is repeatable
 * @param logLossTolerance how much worse than production's a challenger's holdout log-loss may be while its AUC is
 *     better, and it is still promoted
 * @param calibrationBins the equal-width bins of the calibration table stored with the model
 */
public record ChurnTrainingSettings(List<Integer> trainingLagsDays, int holdoutLagDays, Map<String, Object> hyperparameters,
        long seed, double logLossTolerance, int calibrationBins) {
    /** Five weekly snapshots 63..35 days back, the holdout 15 days back, the trainer's own defaults. */
    public static final ChurnTrainingSettings DEFAULTS = new ChurnTrainingSettings(List.of(63, 56, 49, 42, 35), 15,
            Map.of(), 20_260_101L, 0.01, 10);

    public ChurnTrainingSettings {
        trainingLagsDays = List.copyOf(requireNonNull(trainingLagsDays, "trainingLagsDays is null"));
        hyperparameters = Map.copyOf(requireNonNull(hyperparameters, "hyperparameters is null"));
        if (trainingLagsDays.isEmpty()) {
            throw new IllegalArgumentException("the churn model needs at least one training date");
        }
        if (trainingLagsDays.stream().distinct().count() != trainingLagsDays.size()) {
            throw new IllegalArgumentException("a training date is named twice: " + trainingLagsDays);
        }
        if (holdoutLagDays <= ChurnFeature.LABEL_WINDOW_DAYS) {
            throw new IllegalArgumentException("the holdout date must lie more than " + ChurnFeature.LABEL_WINDOW_DAYS
                    + " days back, so that its label window is over; was " + holdoutLagDays);
        }
        for (int lag : trainingLagsDays) {
            if (lag < holdoutLagDays + ChurnFeature.LABEL_WINDOW_DAYS) {
                throw new IllegalArgumentException("the training date " + lag + " days back has its label window (to "
                        + (lag - ChurnFeature.LABEL_WINDOW_DAYS) + " days back) reaching past the holdout date "
                        + holdoutLagDays + " days back: its labels would overlap the holdout's; use at least "
                        + (holdoutLagDays + ChurnFeature.LABEL_WINDOW_DAYS));
            }
        }
        if (!(logLossTolerance >= 0) || Double.isInfinite(logLossTolerance)) {
            throw new IllegalArgumentException("logLossTolerance must be a finite number >= 0, was " + logLossTolerance);
        }
        if (calibrationBins < 1) {
            throw new IllegalArgumentException("calibrationBins must be at least 1, was " + calibrationBins);
        }
    }
}
