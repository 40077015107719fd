package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.artifact.ArtifactFields;
import com.platform.analytics.domain.ml.recommend.ItemSimilarityModel;
import com.platform.analytics.domain.ml.recommend.Recommender;
import com.platform.analytics.domain.ml.recommend.ScoredItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The served recommender of an {@code item_similarity} version, and its artifact: the item-item similarities, and the
 * most popular games (distinct users) to fill a list the similarities leave short. A user with an empty library, or
 * whose games have few neighbours, still gets n games: the similar ones first, then the popular ones they do not own.
 * Training evaluates this very recommender, so the figures registered with a version describe what is served.
 *
 * <pre>{"kind":"game-recommendations","format":1,"similarity":{ ItemSimilarityModel#toArtifact },
 *  "popular":[{"gameId":"g1","users":120}, …]}</pre>
 */
public record GameRecommendations(ItemSimilarityModel similarity, List<ScoredItem> popular) implements Recommender {
    static final String KIND = "game-recommendations";
    static final long FORMAT = 1;
    /** How many popular games an artifact keeps: the most a request may ask for, plus room for the owned ones. */
    public static final int POPULAR_KEPT = 500;

    /** Where a recommendation came from: its score is comparable only with others of the same source. */
    public enum Source {
        /** Σ over owned games of weight · cosine similarity. */
        SIMILARITY,
        /** The number of distinct users of the game. */
        POPULARITY;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One recommended game. */
    public record Recommendation(String gameId, double score, Source source) {
        public Recommendation {
            requireNonNull(gameId, "gameId is null");
            requireNonNull(source, "source is null");
        }
    }

    public GameRecommendations {
        requireNonNull(similarity, "similarity is null");
        popular = List.copyOf(popular);
    }

    /** Up to n games not in {@code owned} (game → weight), similar ones first, then popular ones. */
    public List<Recommendation> recommendations(Map<String, Double> owned, int n) {
        requireNonNull(owned, "owned is null");
        List<Recommendation> out = new ArrayList<>(n);
        Set<String> taken = new HashSet<>();
        if (!owned.isEmpty()) {
            for (ScoredItem item : similarity.recommend(owned, n)) {
                out.add(new Recommendation(item.itemId(), item.score(), Source.SIMILARITY));
                taken.add(item.itemId());
            }
        }
        for (ScoredItem item : popular) {
            if (out.size() >= n) {
                break;
            }
            if (!owned.containsKey(item.itemId()) && taken.add(item.itemId())) {
                out.add(new Recommendation(item.itemId(), item.score(), Source.POPULARITY));
            }
        }
        return out;
    }

    @Override
    public List<ScoredItem> recommend(Map<String, Double> ownedItemWeights, int n) {
        return recommendations(ownedItemWeights, n).stream().map(r -> new ScoredItem(r.gameId(), r.score())).toList();
    }

    public byte[] toBytes() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", KIND);
        json.put("format", FORMAT);
        json.put("similarity", similarity.toArtifact());
        List<Object> list = new ArrayList<>(popular.size());
        for (ScoredItem item : popular) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("gameId", item.itemId());
            entry.put("users", item.score());
            list.add(entry);
        }
        json.put("popular", list);
        return ArtifactFields.bytes(json);
    }

    /** @throws IllegalArgumentException naming what is wrong with the bytes */
    public static GameRecommendations fromBytes(byte[] bytes) {
        ArtifactFields fields = ArtifactFields.open(bytes, KIND, FORMAT);
        ItemSimilarityModel similarity = ItemSimilarityModel.fromArtifact(fields.object("similarity"));
        List<ScoredItem> popular = new ArrayList<>();
        for (Object element : fields.list("popular")) {
            ArtifactFields entry = ArtifactFields.nested(KIND, element);
            popular.add(new ScoredItem(entry.string("gameId"), entry.number("users")));
        }
        return new GameRecommendations(similarity, popular);
    }
}
