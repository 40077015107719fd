package com.platform.analytics.domain.ml.forecast;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline every forecaster must beat: tomorrow is like the same weekday last week,
 * ŷ<sub>n+h</sub> = y<sub>n+h−m(k+1)</sub> with k = ⌊(h−1)/m⌋.
 *
 * <p>Its interval is the textbook one (fpp2 3.5): σ̂<sub>h</sub> = σ̂√(k+1), where σ̂² is the mean squared
 * seasonal difference y<sub>t</sub> − y<sub>t−m</sub> of the history (no parameter is estimated, so nothing is
 * taken off the count) and the normal quantile gives the width.
 */
public final class SeasonalNaive implements Forecaster {
    private final int period;

    public SeasonalNaive(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("a seasonal period must be at least 1, was " + period);
        }
        this.period = period;
    }

    @Override
    public String name() {
        return "seasonal-naive";
    }

    @Override
    public Forecast forecast(double[] history, int horizon, double confidence) {
        requireNonNull(history, "history is null");
        if (history.length < period + 1) {
            throw new IllegalArgumentException("seasonal naive needs more than one season (" + (period + 1)
                    + " observations), got " + history.length);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, was " + horizon);
        }
        double sumOfSquares = 0;
        for (int t = period; t < history.length; t++) {
            double d = history[t] - history[t - period];
            sumOfSquares += d * d;
        }
        double sigma = Math.sqrt(sumOfSquares / (history.length - period));
        double z = StandardNormal.twoSided(confidence);
        int n = history.length;
        List<ForecastPoint> points = new ArrayList<>(horizon);
        for (int h = 1; h <= horizon; h++) {
            int seasonsBack = (h - 1) / period + 1;
            double mean = history[n - 1 + h - period * seasonsBack];
            double halfWidth = z * sigma * Math.sqrt(seasonsBack);
            points.add(new ForecastPoint(h, mean, mean - halfWidth, mean + halfWidth));
        }
        return new Forecast(confidence, points);
    }
}
