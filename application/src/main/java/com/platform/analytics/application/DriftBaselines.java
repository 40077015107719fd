package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.artifact.ArtifactFields;
import com.platform.analytics.domain.ml.drift.DriftBaseline;
import com.platform.analytics.domain.ml.drift.PopulationStabilityIndex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drift baselines of a model version, kept in its {@code performanceMetrics} under {@value #KEY}: one
 * {@link DriftBaseline} per input feature and one of its predictions, made by the trainer from its training rows, so
 * that {@link ModelDriftMonitor} needs only today's values. A trainer adds them with
 * {@code metrics.put(DriftBaselines.KEY, DriftBaselines.of(names, rows, predictions))}.
 *
 * <p>For a model served through predictions (ONNX), the baseline also says which number of an answer is "the
 * prediction": an output's name and, for an output with labels (class probabilities), the label whose value is taken.
 */
public final class DriftBaselines {
    /** The key in performanceMetrics. */
    public static final String KEY = "drift_baseline";
    /** The name under which the predictions' drift is exported, beside the features' names. */
    public static final String PREDICTION = "prediction";
    static final String ARTIFACT_KIND = "drift-baselines";
    static final long ARTIFACT_FORMAT = 1;

    private DriftBaselines() {
    }

    /**
     * Baselines of the features (columns of {@code rows}, named by {@code featureNames}) and of the predictions,
     * 10 bins each at the training values' deciles. JSON-ready.
     */
    public static Map<String, Object> of(List<String> featureNames, List<double[]> rows, double[] predictions) {
        return of(featureNames, rows, predictions, null, null);
    }

    /**
     * As {@link #of(List, List, double[])}, naming where the prediction is in a served answer: {@code output}, and for
     * an output of class probabilities the {@code label} (say "probability" and "churned"); null for a model scored
     * in process, or to take the first numeric value of an answer.
     */
    public static Map<String, Object> of(List<String> featureNames, List<double[]> rows, double[] predictions,
            String output, String label) {
        requireNonNull(featureNames, "featureNames is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(predictions, "predictions is null");
        if (rows.isEmpty() || rows.size() != predictions.length) {
            throw new IllegalArgumentException("a drift baseline needs rows and one prediction per row: " + rows.size()
                    + " rows, " + predictions.length + " predictions");
        }
        Map<String, Object> features = new LinkedHashMap<>();
        for (int f = 0; f < featureNames.size(); f++) {
            double[] column = new double[rows.size()];
            for (int r = 0; r < column.length; r++) {
                double[] row = rows.get(r);
                if (row.length != featureNames.size()) {
                    throw new IllegalArgumentException("row " + r + " has " + row.length + " values for "
                            + featureNames.size() + " features");
                }
                column[r] = row[f];
            }
            features.put(featureNames.get(f), DriftBaseline.of(column, PopulationStabilityIndex.DEFAULT_BINS).toArtifact());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", ARTIFACT_KIND);
        json.put("format", ARTIFACT_FORMAT);
        json.put("features", features);
        json.put(PREDICTION, DriftBaseline.of(predictions, PopulationStabilityIndex.DEFAULT_BINS).toArtifact());
        if (output != null) {
            json.put("predictionOutput", output);
        }
        if (label != null) {
            json.put("predictionLabel", label);
        }
        return json;
    }

    /** What {@link #of} wrote, read back. */
    public record Baselines(Map<String, DriftBaseline> features, DriftBaseline prediction,
            Optional<String> predictionOutput, Optional<String> predictionLabel) {
        public Baselines {
            features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
            requireNonNull(prediction, "prediction is null");
            requireNonNull(predictionOutput, "predictionOutput is null");
            requireNonNull(predictionLabel, "predictionLabel is null");
        }
    }

    /**
     * The baselines in a version's performance metrics; empty when it has none.
     *
     * @throws IllegalArgumentException when there is one that cannot be read
     */
    public static Optional<Baselines> in(Map<String, Object> performanceMetrics) {
        Object stored = performanceMetrics.get(KEY);
        if (stored == null) {
            return Optional.empty();
        }
        if (!(stored instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(KEY + " is not an object: " + stored);
        }
        @SuppressWarnings("unchecked")
        ArtifactFields fields = ArtifactFields.open((Map<String, Object>) stored, ARTIFACT_KIND, ARTIFACT_FORMAT);
        Map<String, DriftBaseline> features = new LinkedHashMap<>();
        for (var e : fields.object("features").entrySet()) {
            features.put(e.getKey(), DriftBaseline.fromArtifact(castObject(e.getValue())));
        }
        return Optional.of(new Baselines(features, DriftBaseline.fromArtifact(fields.object(PREDICTION)),
                optionalString(stored, "predictionOutput"), optionalString(stored, "predictionLabel")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castObject(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(ARTIFACT_KIND + ": a feature's baseline is not an object: " + value);
        }
        return (Map<String, Object>) value;
    }

    private static Optional<String> optionalString(Object stored, String key) {
        Object value = ((Map<?, ?>) stored).get(key);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
