package com.platform.analytics.domain.ml.forecast;

/** The forecast {@code step} steps after the last observation: the point forecast and its prediction interval. */
public record ForecastPoint(int step, double mean, double lower, double upper) {
    public ForecastPoint {
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1, was " + step);
        }
        if (!(lower <= mean && mean <= upper)) {
            throw new IllegalArgumentException(
                    "interval [" + lower + ", " + upper + "] must contain the forecast " + mean);
        }
    }
}
