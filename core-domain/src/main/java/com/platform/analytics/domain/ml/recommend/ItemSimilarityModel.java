package com.platform.analytics.domain.ml.recommend;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.artifact.ArtifactFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fitted item-item similarities: for each game its most similar games, best first. A user's candidates are scored
 * score(j) = Σ<sub>i owned</sub> w<sub>ui</sub> · sim(i, j), so a game close to several of the user's games, or to
 * the ones they bought rather than tried, ranks higher. Owned games are never recommended. A user whose games have
 * no neighbours gets a shorter (possibly empty) list: filling it up is the caller's choice (say, with popularity).
 */
public record ItemSimilarityModel(InteractionWeights weights, Map<String, List<ScoredItem>> neighbours)
        implements Recommender {
    static final String ARTIFACT_KIND = "item-similarity";
    static final long ARTIFACT_FORMAT = 1;

    public ItemSimilarityModel {
        requireNonNull(weights, "weights is null");
        requireNonNull(neighbours, "neighbours is null");
        Map<String, List<ScoredItem>> copy = new TreeMap<>();
        neighbours.forEach((item, list) -> copy.put(item, List.copyOf(list)));
        neighbours = Collections.unmodifiableMap(copy);
    }

    /** sim(a, b) as kept by the model (0 when b is not among a's neighbours). */
    public double similarity(String a, String b) {
        for (ScoredItem item : neighbours.getOrDefault(a, List.of())) {
            if (item.itemId().equals(b)) {
                return item.score();
            }
        }
        return 0;
    }

    @Override
    public List<ScoredItem> recommend(Map<String, Double> ownedItemWeights, int n) {
        requireNonNull(ownedItemWeights, "ownedItemWeights is null");
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        Map<String, Double> scores = new TreeMap<>();
        // owned games in sorted order: floating-point sums then run in the same order for the same input
        new TreeMap<>(ownedItemWeights).forEach((owned, weight) -> {
            for (ScoredItem neighbour : neighbours.getOrDefault(owned, List.of())) {
                if (!ownedItemWeights.containsKey(neighbour.itemId())) {
                    scores.merge(neighbour.itemId(), weight * neighbour.score(), Double::sum);
                }
            }
        });
        List<ScoredItem> ranked = new ArrayList<>(scores.size());
        scores.forEach((item, score) -> ranked.add(new ScoredItem(item, score)));
        ranked.sort(ScoredItem.BEST_FIRST);
        return List.copyOf(ranked.subList(0, Math.min(n, ranked.size())));
    }

    public Map<String, Object> toArtifact() {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("kind", ARTIFACT_KIND);
        artifact.put("format", ARTIFACT_FORMAT);
        artifact.put("purchaseWeight", weights.purchase());
        artifact.put("maxPlayWeight", weights.maxPlay());
        artifact.put("playHoursAtHalf", weights.playHoursAtHalf());
        List<Object> items = new ArrayList<>(neighbours.size());
        neighbours.forEach((item, list) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("item", item);
            entry.put("neighbours", list.stream().map(ScoredItem::itemId).toList());
            entry.put("similarities", list.stream().map(s -> (Object) s.score()).toList());
            items.add(entry);
        });
        artifact.put("items", items);
        return artifact;
    }

    public static ItemSimilarityModel fromArtifact(Map<String, Object> artifact) {
        ArtifactFields fields = ArtifactFields.open(artifact, ARTIFACT_KIND, ARTIFACT_FORMAT);
        InteractionWeights weights = new InteractionWeights(fields.number("purchaseWeight"),
                fields.number("maxPlayWeight"), fields.number("playHoursAtHalf"));
        Map<String, List<ScoredItem>> neighbours = new TreeMap<>();
        for (Object element : fields.list("items")) {
            ArtifactFields entry = ArtifactFields.nested(ARTIFACT_KIND, element);
            String item = entry.string("item");
            List<?> ids = entry.list("neighbours");
            double[] similarities = entry.numbers("similarities");
            if (ids.size() != similarities.length) {
                throw new IllegalArgumentException("item-similarity artifact: item " + item + " has " + ids.size()
                        + " neighbours but " + similarities.length + " similarities");
            }
            List<ScoredItem> list = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                if (!(ids.get(i) instanceof String id)) {
                    throw new IllegalArgumentException("item-similarity artifact: item " + item
                            + " has a neighbour that is not a string: " + ids.get(i));
                }
                list.add(new ScoredItem(id, similarities[i]));
            }
            neighbours.put(item, list);
        }
        return new ItemSimilarityModel(weights, neighbours);
    }
}
