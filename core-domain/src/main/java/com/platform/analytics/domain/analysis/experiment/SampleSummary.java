package com.platform.analytics.domain.analysis.experiment;

/**
 * Count, mean and sample variance (n - 1 in the denominator) of a per-user value.
 */
public record SampleSummary(long n, double mean, double variance) {
    public SampleSummary {
        if (n < 0 || Double.isNaN(mean) || Double.isNaN(variance) || variance < 0) {
            throw new IllegalArgumentException("invalid summary: n=" + n + ", mean=" + mean + ", variance=" + variance);
        }
    }

    /**
     * From the sum and sum of squares the warehouse returns. The textbook formula loses digits when the mean is
     * large against the spread; per-user revenue in RUB is not such a case, and a rounding below zero is clamped.
     */
    public static SampleSummary ofSums(long n, double sum, double sumOfSquares) {
        if (n == 0) {
            return new SampleSummary(0, 0, 0);
        }
        double mean = sum / n;
        double variance = n < 2 ? 0 : Math.max(0, (sumOfSquares - sum * mean) / (n - 1));
        return new SampleSummary(n, mean, variance);
    }

    /** From the values themselves (tests and small samples), with the two-pass formula. */
    public static SampleSummary of(double... values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        int n = values.length;
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new SampleSummary(n, mean, n < 2 ? 0 : squares / (n - 1));
    }

    public double standardDeviation() {
        return Math.sqrt(variance);
    }
}
