package com.platform.analytics.application;

import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelVersion;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scores the instances of a prediction request with a built-in model, whose artifact is the JSON of its fitted
 * parameters and whose code is the domain's own: one implementation per {@link ModelFormat} other than ONNX, handed to
 * {@link PredictionService} as a list.
 *
 * <p>A built-in model's inputs need not be a flat row of features (a recommendation request carries a list of games),
 * so the scorer, not {@link com.platform.analytics.domain.ml.ModelSignature#validate}, checks the instances: it throws
 * {@code AnalyticsException} {@code INVALID_REQUEST_BODY} whose pointer names the instance and field
 * ({@code /instances/<i>/<field>}). {@link PredictionService} has already refused an empty or oversized batch. Any
 * other exception is the model's failure and answers {@code PREDICTION_FAILED}.
 *
 * <p>A version's artifact never changes, so a scorer keeps the parsed artifact per {@link ModelVersion#id()} and parses
 * it once.
 */
public interface BuiltInScorer {
    /** The format this scorer serves. */
    ModelFormat format();

    /**
     * Scores every instance with {@code version}, reading its artifact only when needed: a scorer keeps the parsed
     * artifact per version and skips the object store once it has it.
     *
     * @param instances the request's instances as parsed JSON (each normally a {@code Map})
     * @return one JSON object per instance, in order
     */
    List<Map<String, Object>> score(ModelVersion version, Supplier<byte[]> artifact, List<?> instances);

    /** As {@link #score(ModelVersion, Supplier, List)}, with the artifact's bytes at hand. */
    default List<Map<String, Object>> score(ModelVersion version, byte[] artifact, List<?> instances) {
        java.util.Objects.requireNonNull(artifact, "artifact is null");
        return score(version, () -> artifact, instances);
    }
}
