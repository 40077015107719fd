package com.platform.analytics.application;

import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.features.ChurnFeature;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.in.PredictionUseCase.PredictionResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the built-in churn model's trainer and its serving share: the registered name, the positive class's label,
 * the principal scheduled work acts as, and scoring feature rows with a registered version through the
 * {@link PredictionUseCase}, so the trainer compares with production exactly as callers are served.
 */
final class ChurnModel {
    /** The registered model name. */
    static final String NAME = "churn";

    /**
     * The label of the positive class among a churn model's output labels (the Tribuo trainer's {@code churned}; the
     * other is {@code retained}).
     */
    static final String POSITIVE_LABEL = "churned";

    /**
     * The caller of the built-in churn model's internal scoring (the scoring service and the drift check ask the
     * prediction use case as this service account): it may predict and manage models, nothing else.
     */
    static final Principal SCHEDULER = new Principal("analytics-scheduler:churn", Set.of(Role.SERVICE),
            Set.of(Permission.MANAGE_MODELS), Optional.empty());

    private static final double PROBABILITY_ROUNDING = 1e-6;

    private ChurnModel() {
    }

    /**
     * The churned probability of every row by the version {@code version}, in row order: the rows go in batches of at
     * most {@link ModelSignature#MAX_BATCH}, each instance a map of the features the version's signature names, all
     * addressed to the version by id so that a promotion half-way cannot mix two models.
     *
     * @throws AnalyticsException {@code PREDICTION_FAILED} when the version needs a feature the churn rows lack, or
     *     its outputs name no {@value #POSITIVE_LABEL} label
     */
    static double[] probabilities(PredictionUseCase predictions, ModelVersion version, List<ChurnFeatureRow> rows) {
        List<String> features = version.signature().featureNames();
        Map<String, ChurnFeature> known = new HashMap<>();
        for (ChurnFeature f : ChurnFeature.values()) {
            known.put(f.featureName(), f);
        }
        for (String feature : features) {
            if (!known.containsKey(feature)) {
                throw new AnalyticsException(ErrorCode.PREDICTION_FAILED, "model '" + version.name() + "' version "
                        + version.version() + " needs feature '" + feature + "', which the churn feature rows do not have");
            }
        }
        String output = positiveOutput(version);
        double[] out = new double[rows.size()];
        for (int start = 0; start < rows.size(); start += ModelSignature.MAX_BATCH) {
            int end = Math.min(rows.size(), start + ModelSignature.MAX_BATCH);
            List<Map<String, Object>> instances = new ArrayList<>(end - start);
            for (ChurnFeatureRow row : rows.subList(start, end)) {
                Map<String, Object> instance = new LinkedHashMap<>();
                for (String feature : features) {
                    instance.put(feature, row.value(known.get(feature)));
                }
                instances.add(instance);
            }
            PredictionResult result = predictions.predict(SCHEDULER, version.id().toString(), instances);
            for (int i = 0; i < result.predictions().size(); i++) {
                out[start + i] = churned(result.predictions().get(i), output, version);
            }
        }
        return out;
    }

    /** The name of the output whose labels include {@value #POSITIVE_LABEL}. */
    static String positiveOutput(ModelVersion version) {
        return version.signature().outputs().stream().filter(o -> o.labels().contains(POSITIVE_LABEL))
                .map(ModelOutput::name).findFirst()
                .orElseThrow(() -> new AnalyticsException(ErrorCode.PREDICTION_FAILED, "model '" + version.name()
                        + "' version " + version.version() + " has no output labelled '" + POSITIVE_LABEL + "'"));
    }

    private static double churned(Map<String, Object> prediction, String output, ModelVersion version) {
        if (prediction.get(output) instanceof Map<?, ?> byLabel && byLabel.get(POSITIVE_LABEL) instanceof Number n) {
            double p = n.doubleValue();
            // a float model's softmax may land a rounding step outside [0, 1]; anything further is not a probability
            if (p >= -PROBABILITY_ROUNDING && p <= 1 + PROBABILITY_ROUNDING) {
                return Math.min(1, Math.max(0, p));
            }
            throw new AnalyticsException(ErrorCode.PREDICTION_FAILED, "model '" + version.name() + "' version "
                    + version.version() + " gave " + p + " as the '" + POSITIVE_LABEL + "' probability");
        }
        throw new AnalyticsException(ErrorCode.PREDICTION_FAILED, "model '" + version.name() + "' version "
                + version.version() + " gave no '" + POSITIVE_LABEL + "' probability in output '" + output + "'");
    }
}
