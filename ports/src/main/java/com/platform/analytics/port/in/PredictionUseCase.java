package com.platform.analytics.port.in;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Predictions (spec 3.1.4): a served model version scores a batch of instances. */
public interface PredictionUseCase {
    /**
     * Scores the instances (each a JSON object of feature → value) with a version (by id) or a name's production
     * version.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code ML_MODEL_NOT_FOUND};
     *     {@code INVALID_REQUEST_BODY} naming the instance and feature; {@code PREDICTION_FAILED} when the model
     *     itself fails
     */
    PredictionResult predict(Principal caller, String modelNameOrId, List<?> instances);

    /**
     * The answer: which version scored, and per instance its outputs by name (a number, a string, or for an output
     * with labels an object of label → value).
     */
    record PredictionResult(UUID modelId, String modelName, String version, List<Map<String, Object>> predictions) {
        public PredictionResult {
            requireNonNull(modelId, "modelId is null");
            requireNonNull(modelName, "modelName is null");
            requireNonNull(version, "version is null");
            predictions = List.copyOf(predictions);
        }
    }
}
