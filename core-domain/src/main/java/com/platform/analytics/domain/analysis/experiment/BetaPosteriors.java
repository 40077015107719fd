package com.platform.analytics.domain.analysis.experiment;

/**
 * The Bayesian probability that a variant's conversion rate beats control's: with uniform priors the rates'
 * posteriors are Beta(1 + conversions, 1 + users - conversions), and P(B > A) = ∫ f_B(x) F_A(x) dx. The integral
 * is computed by composite Simpson quadrature, deterministic (no sampling, no seeds), over the narrower of the two
 * posteriors: P(B > A) = 1 - ∫ f_A(x) F_B(x) dx when A is the narrower, so that the distribution function in the
 * integrand always varies slowly against the grid.
 */
final class BetaPosteriors {
    /** Intervals per unit of the narrower posterior's standard deviation; the grid spans ±{@link #SPAN} of them. */
    private static final int INTERVALS_PER_SD = 64;
    private static final double SPAN = 12;

    private BetaPosteriors() {
    }

    static double probabilityToBeat(long controlUsers, long controlConversions, long users, long conversions) {
        double aA = 1 + controlConversions;
        double bA = 1 + controlUsers - controlConversions;
        double aB = 1 + conversions;
        double bB = 1 + users - conversions;
        if (sd(aB, bB) <= sd(aA, bA)) {
            return integrate(aB, bB, aA, bA);
        }
        return 1 - integrate(aA, bA, aB, bB);
    }

    /** ∫ f(x; a, b) F(x; c, d) dx over the bulk of the first density. */
    private static double integrate(double a, double b, double c, double d) {
        double mean = a / (a + b);
        double sd = sd(a, b);
        double low = Math.max(0, mean - SPAN * sd);
        double high = Math.min(1, mean + SPAN * sd);
        int intervals = (int) Math.ceil((high - low) / sd * INTERVALS_PER_SD);
        intervals = Math.max(2, intervals + (intervals & 1));
        double h = (high - low) / intervals;
        double logNorm = SpecialFunctions.logBeta(a, b);
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double x = i == intervals ? high : low + i * h;
            double weight = i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * density(x, a, b, logNorm) * SpecialFunctions.regularizedBeta(x, c, d);
        }
        return Math.min(1, Math.max(0, sum * h / 3));
    }

    private static double density(double x, double a, double b, double logNorm) {
        // a, b >= 1 here, so the density is finite at 0 and 1; 0·ln 0 is taken as 0
        double logX = a == 1 ? 0 : (x == 0 ? Double.NEGATIVE_INFINITY : (a - 1) * Math.log(x));
        double log1mX = b == 1 ? 0 : (x == 1 ? Double.NEGATIVE_INFINITY : (b - 1) * Math.log1p(-x));
        return Math.exp(logX + log1mX - logNorm);
    }

    private static double sd(double a, double b) {
        double s = a + b;
        return Math.sqrt(a * b / (s * s * (s + 1)));
    }
}
