package com.platform.analytics.domain.ml.anomaly;

import java.util.Arrays;

/**
 * A robust z-score for one feature: z = (x − median) / (1.4826 · MAD), MAD being the median absolute deviation of
 * the reference values. 1.4826 = 1/Φ⁻¹(3/4) makes the scale equal the standard deviation for normal data, while a
 * few extreme values (the very fraud one looks for) cannot inflate it as they would inflate a standard deviation.
 *
 * <p>When more than half of the reference values are equal the MAD is 0; the scale then falls back to the mean
 * absolute deviation times √(π/2) = 1.2533 (again the normal-consistent factor), and if that is 0 as well (all
 * values equal) any other value is infinitely far: z = ±∞, and the median itself scores 0.
 */
public record RobustZScore(double median, double scale) {
    /** 1/Φ⁻¹(0.75): turns a MAD into a standard deviation for normal data. */
    public static final double MAD_TO_SIGMA = 1.4826;
    /** √(π/2): turns a mean absolute deviation into a standard deviation for normal data. */
    public static final double MEAN_ABSOLUTE_DEVIATION_TO_SIGMA = 1.2533141373155001;
    /** Iglewicz and Hoaglin's usual cut-off for a robust z-score. */
    public static final double DEFAULT_THRESHOLD = 3.5;

    public RobustZScore {
        if (!Double.isFinite(median) || !(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("median must be finite and scale finite and not negative: "
                    + median + ", " + scale);
        }
    }

    public static RobustZScore fit(double[] reference) {
        if (reference == null || reference.length == 0) {
            throw new IllegalArgumentException("a robust z-score needs at least one reference value");
        }
        double median = median(reference.clone());
        double[] deviations = new double[reference.length];
        double meanAbsolute = 0;
        for (int i = 0; i < reference.length; i++) {
            deviations[i] = Math.abs(reference[i] - median);
            meanAbsolute += deviations[i] / reference.length;
        }
        double mad = median(deviations);
        double scale = mad > 0 ? MAD_TO_SIGMA * mad : MEAN_ABSOLUTE_DEVIATION_TO_SIGMA * meanAbsolute;
        return new RobustZScore(median, scale);
    }

    public double score(double x) {
        double distance = x - median;
        if (scale == 0) {
            return distance == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, distance);
        }
        return distance / scale;
    }

    public boolean isOutlier(double x, double threshold) {
        return Math.abs(score(x)) > threshold;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
