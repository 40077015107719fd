package com.platform.analytics.domain.ml.recommend;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits item-item cosine similarity: each game is the vector of its users' weights ({@link InteractionWeights}) and
 * sim(i, j) = Σ<sub>u</sub> w<sub>ui</sub>w<sub>uj</sub> / (‖w<sub>i</sub>‖ ‖w<sub>j</sub>‖). Cosine rather than raw
 * co-occurrence counts, so that a blockbuster everyone owns is not the nearest neighbour of every game.
 *
 * <p>Dot products are accumulated user by user over the pairs of games each user owns, which costs
 * Σ<sub>u</sub> |items(u)|², small for a store where users own tens of games. Only the {@code neighboursPerItem}
 * most similar games of each game are kept, which bounds the artifact's size and the scoring cost.
 */
public final class ItemSimilarity {
    public static final int DEFAULT_NEIGHBOURS = 50;

    private ItemSimilarity() {
    }

    public static ItemSimilarityModel fit(Collection<Interaction> interactions, InteractionWeights weights,
            int neighboursPerItem) {
        requireNonNull(interactions, "interactions is null");
        requireNonNull(weights, "weights is null");
        if (neighboursPerItem < 1) {
            throw new IllegalArgumentException("neighboursPerItem must be at least 1, was " + neighboursPerItem);
        }
        Map<String, Map<String, Double>> byUser = weights.byUser(interactions);
        Map<String, Double> squaredNorm = new TreeMap<>();
        Map<String, Map<String, Double>> dot = new TreeMap<>();
        for (Map<String, Double> items : byUser.values()) {
            List<Map.Entry<String, Double>> owned = new ArrayList<>(items.entrySet());
            for (int a = 0; a < owned.size(); a++) {
                String i = owned.get(a).getKey();
                double wi = owned.get(a).getValue();
                squaredNorm.merge(i, wi * wi, Double::sum);
                for (int b = a + 1; b < owned.size(); b++) {
                    String j = owned.get(b).getKey();
                    double product = wi * owned.get(b).getValue();
                    dot.computeIfAbsent(i, x -> new TreeMap<>()).merge(j, product, Double::sum);
                    dot.computeIfAbsent(j, x -> new TreeMap<>()).merge(i, product, Double::sum);
                }
            }
        }
        Map<String, List<ScoredItem>> neighbours = new TreeMap<>();
        for (String item : squaredNorm.keySet()) {
            List<ScoredItem> similar = new ArrayList<>();
            dot.getOrDefault(item, Map.of()).forEach((other, product) -> similar.add(new ScoredItem(other,
                    product / Math.sqrt(squaredNorm.get(item) * squaredNorm.get(other)))));
            similar.sort(ScoredItem.BEST_FIRST);
            neighbours.put(item, List.copyOf(similar.subList(0, Math.min(neighboursPerItem, similar.size()))));
        }
        return new ItemSimilarityModel(weights, neighbours);
    }
}
