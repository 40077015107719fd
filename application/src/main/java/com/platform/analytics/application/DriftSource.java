package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.ModelVersion;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@link ModelDriftMonitor} gets a day's inputs and predictions of one model (by name): each model reads its
 * inputs from its own place in the warehouse and predicts in its own way.
 */
public interface DriftSource {
    String modelName();

    /**
     * The day's values for {@code version}; empty when the day has none (no payments, the feature table not refreshed
     * yet), which is no drift to report rather than an error.
     */
    Optional<Sample> day(ModelVersion version, DriftBaselines.Baselines baselines, LocalDate day);

    /** Values by feature name (each array one value per row) and one prediction per row. */
    record Sample(Map<String, double[]> features, double[] predictions) {
        public Sample {
            features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
            requireNonNull(predictions, "predictions is null");
        }
    }
}
