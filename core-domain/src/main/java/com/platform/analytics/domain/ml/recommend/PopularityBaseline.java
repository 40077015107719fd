package com.platform.analytics.domain.ml.recommend;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The baseline: the games most users have interacted with, minus those the user owns. It knows nothing of taste, so
 * a personalised recommender that cannot beat it is not worth serving.
 */
public final class PopularityBaseline implements Recommender {
    private final List<ScoredItem> ranking;

    private PopularityBaseline(List<ScoredItem> ranking) {
        this.ranking = ranking;
    }

    /** Counts distinct users per game (a user playing a game daily counts once). */
    public static PopularityBaseline fit(Collection<Interaction> interactions) {
        requireNonNull(interactions, "interactions is null");
        Map<String, Set<String>> users = new TreeMap<>();
        for (Interaction interaction : interactions) {
            users.computeIfAbsent(interaction.itemId(), i -> new HashSet<>()).add(interaction.userId());
        }
        List<ScoredItem> ranking = new ArrayList<>();
        users.forEach((item, who) -> ranking.add(new ScoredItem(item, who.size())));
        ranking.sort(ScoredItem.BEST_FIRST);
        return new PopularityBaseline(List.copyOf(ranking));
    }

    @Override
    public List<ScoredItem> recommend(Map<String, Double> ownedItemWeights, int n) {
        requireNonNull(ownedItemWeights, "ownedItemWeights is null");
        List<ScoredItem> out = new ArrayList<>(n);
        for (ScoredItem item : ranking) {
            if (out.size() == n) {
                break;
            }
            if (!ownedItemWeights.containsKey(item.itemId())) {
                out.add(item);
            }
        }
        return out;
    }
}
