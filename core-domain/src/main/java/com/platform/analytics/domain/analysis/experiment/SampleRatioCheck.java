package com.platform.analytics.domain.analysis.experiment;

import java.util.List;

/**
 * The sample-ratio-mismatch check: Pearson's chi-square goodness of fit of the users per variant against equal
 * allocation, k - 1 degrees of freedom. A mismatch (p below {@link #THRESHOLD}) means the assignment or the
 * exposure logging is broken and the lifts should not be trusted.
 */
public record SampleRatioCheck(double chiSquare, int degreesOfFreedom, double pValue, boolean mismatch) {
    public static final double THRESHOLD = 0.001;

    /** @return null with fewer than two variants or no users */
    public static SampleRatioCheck ofEqualAllocation(List<Long> usersPerVariant) {
        int k = usersPerVariant.size();
        long total = 0;
        for (long n : usersPerVariant) {
            if (n < 0) {
                throw new IllegalArgumentException("a negative user count: " + n);
            }
            total += n;
        }
        if (k < 2 || total == 0) {
            return null;
        }
        double expected = (double) total / k;
        double chiSquare = 0;
        for (long n : usersPerVariant) {
            chiSquare += (n - expected) * (n - expected) / expected;
        }
        double p = Distributions.chiSquareSurvival(chiSquare, k - 1);
        return new SampleRatioCheck(chiSquare, k - 1, p, p < THRESHOLD);
    }
}
