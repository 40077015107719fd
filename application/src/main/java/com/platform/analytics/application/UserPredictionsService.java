package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.in.UserPredictionsUseCase;
import com.platform.analytics.port.out.ModelFeatures;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in models by user: real ids are pseudonymized on the way in (the warehouse knows no other), churn is scored
 * from the serving feature table, recommendations leave out the games the warehouse says the user owns. Answers carry
 * the ids as the caller gave them, never a pseudonym.
 */
public final class UserPredictionsService implements UserPredictionsUseCase {
    private final ChurnScoringService churn;
    private final ModelFeatures features;
    private final PredictionUseCase predictions;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;

    public UserPredictionsService(ChurnScoringService churn, ModelFeatures features, PredictionUseCase predictions,
            Pseudonymizer pseudonymizer, Clock clock) {
        this.churn = requireNonNull(churn, "churn is null");
        this.features = requireNonNull(features, "features is null");
        this.predictions = requireNonNull(predictions, "predictions is null");
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public ChurnRisk churnRisk(Principal caller, List<?> userIds) {
        requireNonNull(caller, "caller is null");
        if (userIds == null || userIds.isEmpty()) {
            throw AnalyticsException.invalidBody("/userIds", "userIds names no user");
        }
        if (userIds.size() > MAX_USERS) {
            throw AnalyticsException.invalidBody("/userIds", userIds.size() + " users in one request; at most " + MAX_USERS);
        }
        Map<String, String> byPseudonym = new LinkedHashMap<>();
        for (int i = 0; i < userIds.size(); i++) {
            if (!(userIds.get(i) instanceof String id) || id.isBlank()) {
                throw AnalyticsException.invalidBody("/userIds/" + i, "a user id is a non-empty string");
            }
            byPseudonym.put(pseudonymizer.pseudonym(id), id);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        // the latest daily refresh of the feature table: today's once it ran (02:30 UTC), before that yesterday's
        LocalDate asOf = features.latestChurnFeatures(today).orElseThrow(() -> new AnalyticsException(
                ErrorCode.DATA_NOT_YET_AVAILABLE, "the churn features have never been computed (the daily refresh, or a"
                        + " training, computes them)"));
        ChurnScoringService.ChurnScores scores = churn.scores(asOf, byPseudonym.keySet());
        Map<String, Double> probabilities = new LinkedHashMap<>();
        List<String> unscored = new ArrayList<>();
        for (Map.Entry<String, String> user : byPseudonym.entrySet()) {
            Double p = scores.probabilities().get(user.getKey());
            if (p == null) {
                unscored.add(user.getValue());
            } else {
                probabilities.put(user.getValue(), p);
            }
        }
        return new ChurnRisk(scores.modelId(), scores.version(), scores.asOf(), probabilities, unscored);
    }

    @Override
    @SuppressWarnings("unchecked")
    public UserRecommendations recommendations(Principal caller, String userId, int n) {
        requireNonNull(caller, "caller is null");
        if (userId == null || userId.isBlank()) {
            throw AnalyticsException.invalidParameter("user_id", "a user id is a non-empty string");
        }
        if (n < 1 || n > 100) {
            throw AnalyticsException.invalidParameter("n", "n is 1..100, not " + n);
        }
        List<String> owned = features.ownedGames(pseudonymizer.pseudonym(userId));
        PredictionUseCase.PredictionResult result = predictions.predict(caller, RecommendationTraining.MODEL_NAME,
                List.of(Map.of("games", owned, "n", (long) n)));
        Object recommended = result.predictions().get(0).get("recommendations");
        if (!(recommended instanceof List<?> list)) {
            throw new IllegalStateException("the recommendation model answered no list: " + result.predictions().get(0));
        }
        return new UserRecommendations(result.modelId(), result.version(), owned.size(), (List<Map<String, Object>>) list);
    }
}
