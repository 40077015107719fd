package com.platform.analytics.domain.ml.recommend;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.evaluation.RankingMetrics;
import com.platform.analytics.domain.ml.evaluation.RankingQuality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Judges a recommender as it would be used: trained on the interactions before {@code cut}, asked for k games per
 * user, and scored against the games each user first touched (bought or played) at or after the cut. Users are
 * evaluated when they had at least one game before the cut (a recommender of this kind has nothing to go on
 * otherwise) and acquired at least one new game after it.
 */
public record TimeSplitEvaluation(Instant cut, int k, InteractionWeights weights) {
    public TimeSplitEvaluation {
        requireNonNull(cut, "cut is null");
        requireNonNull(weights, "weights is null");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
    }

    public RankingQuality evaluate(List<Interaction> interactions, Function<List<Interaction>, Recommender> training) {
        requireNonNull(interactions, "interactions is null");
        requireNonNull(training, "training is null");
        List<Interaction> before = new ArrayList<>();
        for (Interaction interaction : interactions) {
            if (interaction.at().isBefore(cut)) {
                before.add(interaction);
            }
        }
        Map<String, Map<String, Double>> owned = weights.byUser(before);
        Map<String, Set<String>> acquiredAfter = new TreeMap<>();
        for (Interaction interaction : interactions) {
            if (!interaction.at().isBefore(cut) && owned.containsKey(interaction.userId())
                    && !owned.get(interaction.userId()).containsKey(interaction.itemId())) {
                acquiredAfter.computeIfAbsent(interaction.userId(), u -> new HashSet<>()).add(interaction.itemId());
            }
        }
        Recommender recommender = training.apply(List.copyOf(before));
        Map<String, List<String>> recommended = new TreeMap<>();
        for (String user : acquiredAfter.keySet()) {
            recommended.put(user, recommender.recommend(owned.get(user), k).stream().map(ScoredItem::itemId).toList());
        }
        return RankingMetrics.atK(recommended, acquiredAfter, k);
    }
}
