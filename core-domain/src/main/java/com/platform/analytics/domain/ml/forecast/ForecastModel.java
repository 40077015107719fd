package com.platform.analytics.domain.ml.forecast;

import java.util.Map;

/**
 * A fitted forecasting model that can forecast on its own and be stored: what a sales-forecast artifact holds per
 * series, whichever method fitted it.
 */
public sealed interface ForecastModel permits HoltWintersModel, RobustTrendSeasonModel {
    Forecast forecast(int horizon, double confidence);

    /** The artifact's {@code kind}, which also names the method in reports. */
    String method();

    /** Everything forecasting needs, as plain JSON values, with {@code kind} and {@code format}. */
    Map<String, Object> toArtifact();

    /** Reads an artifact written by {@link #toArtifact()} of any implementation, by its {@code kind}. */
    static ForecastModel fromArtifact(Map<String, Object> artifact) {
        Object kind = artifact.get("kind");
        if (HoltWintersModel.ARTIFACT_KIND.equals(kind)) {
            return HoltWintersModel.fromArtifact(artifact);
        }
        if (RobustTrendSeasonModel.ARTIFACT_KIND.equals(kind)) {
            return RobustTrendSeasonModel.fromArtifact(artifact);
        }
        throw new IllegalArgumentException("unknown forecast model kind: " + kind);
    }
}
