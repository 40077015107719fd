package com.platform.analytics.domain.ml.evaluation;

/**
 * One row of a calibration table: predictions with probability in [{@code lower}, {@code upper}) (the last bin
 * includes 1.0), how many there were, their mean, and how often the outcome was positive. Means are NaN for an empty
 * bin.
 */
public record CalibrationBin(double lower, double upper, long count, double meanPredicted, double observedRate) {
    public CalibrationBin {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("bin lower " + lower + " must be below upper " + upper);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }
}
