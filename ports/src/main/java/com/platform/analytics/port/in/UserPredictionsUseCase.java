package com.platform.analytics.port.in;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The built-in models asked about users by their real ids (pseudonymized on the way in, as everywhere): the caller
 * needs neither the features nor the user's library, the service has them.
 */
public interface UserPredictionsUseCase {
    /** Users one churn request may name at most. */
    int MAX_USERS = 1000;

    /**
     * The production churn model's probability, per user, that they are inactive for the next 14 days, from the
     * features of the latest daily refresh (today's, or yesterday's before today's ran).
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code INVALID_REQUEST_BODY} naming a bad id or
     *     too many; {@code ML_MODEL_NOT_FOUND} without a production churn version; {@code DATA_NOT_YET_AVAILABLE} when
     *     the features were never computed
     */
    ChurnRisk churnRisk(Principal caller, List<?> userIds);

    /**
     * The production recommendation model's top {@code n} games for the user, never one they own.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code INVALID_QUERY_PARAMETERS} for a bad n;
     *     {@code ML_MODEL_NOT_FOUND} without a production recommendation version
     */
    UserRecommendations recommendations(Principal caller, String userId, int n);

    /**
     * @param probabilities by the user id as given
     * @param unscored the ids with no features on {@code asOf}: no activity in the 30 days before it, or unknown
     */
    record ChurnRisk(UUID modelId, String version, LocalDate asOf, Map<String, Double> probabilities, List<String> unscored) {
        public ChurnRisk {
            requireNonNull(modelId, "modelId is null");
            requireNonNull(version, "version is null");
            requireNonNull(asOf, "asOf is null");
            probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
            unscored = List.copyOf(unscored);
        }
    }

    /** @param recommendations as the model answers them: {@code gameId}, {@code score}, {@code source} */
    record UserRecommendations(UUID modelId, String version, int ownedGames, List<Map<String, Object>> recommendations) {
        public UserRecommendations {
            requireNonNull(modelId, "modelId is null");
            requireNonNull(version, "version is null");
            recommendations = List.copyOf(recommendations);
        }
    }
}
