package com.platform.analytics.domain.ml.evaluation;

import static java.util.Objects.requireNonNull;

/** Quality of point forecasts and of their prediction intervals. */
public final class ForecastMetrics {
    private ForecastMetrics() {
    }

    /**
     * Mean absolute percentage error, as a fraction (0.05 is 5 %), over the points whose actual value is not zero.
     * A zero actual makes the percentage error infinite, and a day without sales is ordinary for a small game, so
     * such points are skipped rather than allowed to make the whole figure infinite; {@link #mapePoints} says how
     * many points were used. NaN when every actual is zero.
     */
    public static double mape(double[] actual, double[] forecast) {
        checkSameLength(actual, forecast);
        double sum = 0;
        int used = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != 0) {
                sum += Math.abs((actual[i] - forecast[i]) / actual[i]);
                used++;
            }
        }
        return used == 0 ? Double.NaN : sum / used;
    }

    /** How many points {@link #mape} averages over: those with a non-zero actual. */
    public static int mapePoints(double[] actual) {
        requireNonNull(actual, "actual is null");
        int used = 0;
        for (double a : actual) {
            if (a != 0) {
                used++;
            }
        }
        return used;
    }

    /** The share of actual values inside their interval [lower, upper], bounds included. NaN for no points. */
    public static double intervalCoverage(double[] actual, double[] lower, double[] upper) {
        checkSameLength(actual, lower);
        checkSameLength(actual, upper);
        if (actual.length == 0) {
            return Double.NaN;
        }
        int inside = 0;
        for (int i = 0; i < actual.length; i++) {
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("interval " + i + " has lower " + lower[i] + " above upper "
                        + upper[i]);
            }
            if (actual[i] >= lower[i] && actual[i] <= upper[i]) {
                inside++;
            }
        }
        return (double) inside / actual.length;
    }

    private static void checkSameLength(double[] a, double[] b) {
        requireNonNull(a, "actual is null");
        requireNonNull(b, "second series is null");
        if (a.length != b.length) {
            throw new IllegalArgumentException("series differ in length: " + a.length + " against " + b.length);
        }
    }
}
