package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.port.in.ModelRegistryUseCase;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.out.ModelFeatures;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Churn probabilities of users by name, for internal services that have no features at hand: the users' rows of a
 * date come from the feature table (which {@link ChurnFeatureRefreshJob} fills every night) and the production churn
 * version scores them, through {@link PredictionUseCase} like any other prediction (counted, the version pinned for
 * the whole call).
 */
public final class ChurnScoringService {
    private final ModelFeatures features;
    private final ModelRegistryUseCase registry;
    private final PredictionUseCase predictions;

    @Inject
    public ChurnScoringService(ModelFeatures features, ModelRegistryUseCase registry, PredictionUseCase predictions) {
        this.features = requireNonNull(features, "features is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.predictions = requireNonNull(predictions, "predictions is null");
    }

    /**
     * The scores and the version that made them.
     *
     * @param probabilities user → churn probability, in user order; users without a feature row of the date (not
     *     active in the 30 days before it, or the table not refreshed for it) are absent
     */
    public record ChurnScores(UUID modelId, String version, LocalDate asOf, Map<String, Double> probabilities) {
        public ChurnScores {
            requireNonNull(modelId, "modelId is null");
            requireNonNull(version, "version is null");
            requireNonNull(asOf, "asOf is null");
            probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
        }
    }

    /**
     * Scores the users' features of {@code asOf} with the production churn version.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code ML_MODEL_NOT_FOUND} when no churn version
     *     is in production; {@code PREDICTION_FAILED} when it fails
     */
    public ChurnScores scores(LocalDate asOf, Collection<String> users) {
        requireNonNull(asOf, "asOf is null");
        requireNonNull(users, "users is null");
        ModelVersion production = registry.model(ChurnModel.NAME);
        List<ChurnFeatureRow> rows = users.isEmpty() ? List.of() : features.churnFeatures(asOf, users);
        double[] probability = rows.isEmpty() ? new double[0] : ChurnModel.probabilities(predictions, production, rows);
        Map<String, Double> byUser = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byUser.put(rows.get(i).userPseudonym(), probability[i]);
        }
        return new ChurnScores(production.id(), production.version(), asOf, byUser);
    }
}
