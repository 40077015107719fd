package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.features.ChurnFeature;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.out.ModelFeatures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The churn model's day for {@link ModelDriftMonitor}: the feature table's rows as of the next day
 * ({@link ModelFeatures#churnFeatures(LocalDate)} of day + 1, as the daily refresh wrote them: a row as of D + 1 reads
 * the events before it, so the day's own events are in it, as the payments of the day are in the fraud model's) and
 * the production version's
 * predictions for them, through the prediction service (so they are counted in {@code ml_prediction_requests_total}
 * like any other). The prediction is the number the baselines name ({@code predictionOutput}, and
 * {@code predictionLabel} for class probabilities); without a name, the first output, and of class probabilities
 * the last label's (the positive class of a binary classifier).
 */
public final class ChurnDriftSource implements DriftSource {
    static final Principal MONITOR = new Principal("model-drift-monitor", Set.of(), Set.of(Permission.PREDICT),
            Optional.empty());

    private final String modelName;
    private final ModelFeatures features;
    private final PredictionUseCase predictions;

    public ChurnDriftSource(String modelName, ModelFeatures features, PredictionUseCase predictions) {
        this.modelName = requireNonNull(modelName, "modelName is null");
        this.features = requireNonNull(features, "features is null");
        this.predictions = requireNonNull(predictions, "predictions is null");
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public Optional<Sample> day(ModelVersion version, DriftBaselines.Baselines baselines, LocalDate day) {
        List<ChurnFeatureRow> rows = features.churnFeatures(day.plusDays(1));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = ChurnFeature.names();
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (int f = 0; f < names.size(); f++) {
            double[] column = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                column[r] = rows.get(r).values()[f];
            }
            byName.put(names.get(f), column);
        }
        List<String> inputs = version.signature().featureNames();
        for (String feature : inputs) {
            if (!byName.containsKey(feature)) {
                throw new IllegalArgumentException("model " + version.name() + " takes feature '" + feature
                        + "', which is not a churn feature " + names);
            }
        }
        double[] predicted = new double[rows.size()];
        for (int start = 0; start < rows.size(); start += ModelSignature.MAX_BATCH) {
            int end = Math.min(rows.size(), start + ModelSignature.MAX_BATCH);
            List<Object> instances = new ArrayList<>(end - start);
            for (int r = start; r < end; r++) {
                Map<String, Object> instance = new LinkedHashMap<>();
                for (String feature : inputs) {
                    instance.put(feature, byName.get(feature)[r]);
                }
                instances.add(instance);
            }
            List<Map<String, Object>> answers = predictions.predict(MONITOR, version.id().toString(), instances)
                    .predictions();
            for (int r = start; r < end; r++) {
                predicted[r] = prediction(answers.get(r - start), baselines);
            }
        }
        return Optional.of(new Sample(byName, predicted));
    }

    static double prediction(Map<String, Object> answer, DriftBaselines.Baselines baselines) {
        Object value = baselines.predictionOutput().map(answer::get)
                .orElseGet(() -> answer.isEmpty() ? null : answer.values().iterator().next());
        if (value instanceof Map<?, ?> byLabel) {
            Object labelled = baselines.predictionLabel().<Object>map(byLabel::get).orElseGet(() -> {
                Object last = null;
                for (Object v : byLabel.values()) {
                    last = v;
                }
                return last;
            });
            value = labelled;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("no numeric prediction in the answer " + answer + " (output "
                    + baselines.predictionOutput().orElse("first") + ", label "
                    + baselines.predictionLabel().orElse("last") + ")");
        }
        return n.doubleValue();
    }
}
