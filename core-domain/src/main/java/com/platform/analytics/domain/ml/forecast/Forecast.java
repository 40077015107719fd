package com.platform.analytics.domain.ml.forecast;

import java.util.List;

/** Forecasts for steps 1..h after the last observation, with central prediction intervals at {@code confidence}. */
public record Forecast(double confidence, List<ForecastPoint> points) {
    public Forecast {
        points = List.copyOf(points);
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1, was " + confidence);
        }
    }

    public double[] means() {
        return points.stream().mapToDouble(ForecastPoint::mean).toArray();
    }

    public double[] lowers() {
        return points.stream().mapToDouble(ForecastPoint::lower).toArray();
    }

    public double[] uppers() {
        return points.stream().mapToDouble(ForecastPoint::upper).toArray();
    }
}
