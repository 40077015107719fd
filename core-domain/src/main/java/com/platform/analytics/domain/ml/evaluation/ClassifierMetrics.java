package com.platform.analytics.domain.ml.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Quality of a binary classifier's scores or probabilities against observed outcomes. */
public final class ClassifierMetrics {
    /**
     * Probabilities are clipped into [eps, 1 - eps] before the logarithm, as scikit-learn does, so a single
     * confident mistake costs a large but finite amount instead of making the whole log-loss infinite.
     */
    public static final double LOG_LOSS_CLIP = 1e-15;

    private ClassifierMetrics() {
    }

    /**
     * The area under the ROC curve, computed as the Mann–Whitney U statistic: the probability that a random
     * positive scores above a random negative, counting ties as one half. Tied scores receive their average rank,
     * which is exactly the "one half" rule, so the result equals the trapezoidal area of scikit-learn's
     * {@code roc_auc_score}.
     *
     * @throws IllegalArgumentException when one class is absent (the AUC is undefined then)
     */
    public static double rocAuc(boolean[] positive, double[] score) {
        checkSameLength(positive, score);
        int n = score.length;
        for (double s : score) {
            if (Double.isNaN(s)) {
                // NaN is unordered: it would silently land somewhere in the ranking
                throw new IllegalArgumentException("a score is NaN");
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            // ranks are 1-based: the tie group i..j shares the mean of ranks i+1..j+1
            double averageRank = (i + 1 + j + 1) / 2.0;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC AUC needs both classes, found " + positives + " positives and "
                    + negatives + " negatives");
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /** Mean negative log-likelihood of the outcomes (natural logarithm), probabilities clipped by {@link #LOG_LOSS_CLIP}. */
    public static double logLoss(boolean[] positive, double[] probability) {
        checkSameLength(positive, probability);
        checkNotEmpty(probability);
        double sum = 0;
        for (int i = 0; i < probability.length; i++) {
            double p = Math.min(1 - LOG_LOSS_CLIP, Math.max(LOG_LOSS_CLIP, checkProbability(probability[i])));
            sum -= positive[i] ? Math.log(p) : Math.log(1 - p);
        }
        return sum / probability.length;
    }

    /** Mean squared difference between the probability and the outcome (1 or 0). */
    public static double brierScore(boolean[] positive, double[] probability) {
        checkSameLength(positive, probability);
        checkNotEmpty(probability);
        double sum = 0;
        for (int i = 0; i < probability.length; i++) {
            double d = checkProbability(probability[i]) - (positive[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / probability.length;
    }

    /**
     * A reliability table over {@code bins} equal-width probability bins ([0, 0.1), [0.1, 0.2) … [0.9, 1.0] for
     * ten): per bin the number of predictions, their mean and the observed rate of positives. A calibrated model
     * has mean predicted ≈ observed rate in every populated bin. Equal-width bins (not quantiles) keep the bins
     * comparable between a model and its challenger. Empty bins are kept, with count 0 and NaN means.
     */
    public static List<CalibrationBin> calibration(boolean[] positive, double[] probability, int bins) {
        checkSameLength(positive, probability);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, was " + bins);
        }
        long[] count = new long[bins];
        double[] predictedSum = new double[bins];
        long[] positives = new long[bins];
        for (int i = 0; i < probability.length; i++) {
            double p = checkProbability(probability[i]);
            // p = 1.0 belongs to the last bin, not to a bin of its own
            int bin = Math.min(bins - 1, (int) Math.floor(p * bins));
            count[bin]++;
            predictedSum[bin] += p;
            if (positive[i]) {
                positives[bin]++;
            }
        }
        List<CalibrationBin> table = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            double mean = count[b] == 0 ? Double.NaN : predictedSum[b] / count[b];
            double observed = count[b] == 0 ? Double.NaN : (double) positives[b] / count[b];
            table.add(new CalibrationBin((double) b / bins, (double) (b + 1) / bins, count[b], mean, observed));
        }
        return List.copyOf(table);
    }

    private static double checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a probability must lie in [0, 1], was " + p);
        }
        return p;
    }

    private static void checkSameLength(boolean[] positive, double[] values) {
        requireNonNull(positive, "positive is null");
        requireNonNull(values, "values is null");
        if (positive.length != values.length) {
            throw new IllegalArgumentException(
                    "outcomes and predictions differ in length: " + positive.length + " against " + values.length);
        }
    }

    private static void checkNotEmpty(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no predictions to evaluate");
        }
    }
}
