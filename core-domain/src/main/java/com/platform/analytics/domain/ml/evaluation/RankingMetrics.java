package com.platform.analytics.domain.ml.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Quality of top-k recommendation lists against what each user went on to take. */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * Precision@k and recall@k, averaged over the users that have at least one relevant item (a user with nothing
     * relevant has no defined recall and would only dilute precision with zeros the model could not avoid).
     *
     * <p>Precision@k divides by k even when fewer than k items were recommended, so a model cannot look precise by
     * recommending less. Recall@k divides by the number of relevant items. A user absent from {@code recommended}
     * counts as an empty list.
     */
    public static RankingQuality atK(Map<String, List<String>> recommended, Map<String, Set<String>> relevant, int k) {
        requireNonNull(recommended, "recommended is null");
        requireNonNull(relevant, "relevant is null");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        double precisionSum = 0;
        double recallSum = 0;
        int users = 0;
        for (Map.Entry<String, Set<String>> user : relevant.entrySet()) {
            Set<String> wanted = user.getValue();
            if (wanted.isEmpty()) {
                continue;
            }
            List<String> list = recommended.getOrDefault(user.getKey(), List.of());
            int hits = 0;
            for (int i = 0; i < Math.min(k, list.size()); i++) {
                if (wanted.contains(list.get(i))) {
                    hits++;
                }
            }
            precisionSum += (double) hits / k;
            recallSum += (double) hits / wanted.size();
            users++;
        }
        if (users == 0) {
            return new RankingQuality(k, Double.NaN, Double.NaN, 0);
        }
        return new RankingQuality(k, precisionSum / users, recallSum / users, users);
    }
}
