package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Serves {@code item_similarity} versions ({@link GameRecommendations}). An instance
 * {@code {"games": ["<owned game id>", …], "n": 1..100}} (n defaults to 10) gets
 * {@code {"recommendations": [{"gameId", "score", "source"}]}}: up to n games not in {@code games}, similar ones
 * first ({@code "source": "similarity"}), then popular ones ({@code "popularity"}), so an empty library gets the
 * popular games.
 *
 * <p>A request knows which games a user owns, not how (bought or only played), so every owned game weighs as a
 * purchase. A game the model never saw is accepted: it is owned (never recommended) and simply has no neighbours.
 */
public final class GameRecommendationScorer implements BuiltInScorer {
    static final int MAX_N = 100;
    static final int DEFAULT_N = 10;
    /** A library larger than any real one: bounds the work one instance can ask for. */
    static final int MAX_GAMES = 10_000;
    private static final Set<String> FIELDS = Set.of("games", "n");

    private final ParsedArtifacts<GameRecommendations> parsed = new ParsedArtifacts<>(8);

    @Override
    public ModelFormat format() {
        return ModelFormat.ITEM_SIMILARITY;
    }

    @Override
    public List<Map<String, Object>> score(ModelVersion version, Supplier<byte[]> artifact, List<?> instances) {
        requireNonNull(version, "version is null");
        requireNonNull(instances, "instances is null");
        record Request(Map<String, Double> owned, int n) {
        }
        GameRecommendations model = parsed.get(version.id(), () -> GameRecommendations.fromBytes(artifact.get()));
        List<Request> requests = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            String at = "/instances/" + i;
            Map<?, ?> instance = BuiltInInstances.object(instances.get(i), at, FIELDS);
            Object games = instance.get("games");
            if (!BuiltInInstances.present(instance, "games")) {
                throw AnalyticsException.invalidBody(at + "/games", "the instance has no 'games' (the user's owned game"
                        + " ids; [] for an empty library)");
            }
            if (!(games instanceof List<?> list)) {
                throw AnalyticsException.invalidBody(at + "/games", "'games' must be an array of game ids, not "
                        + Json.typeName(games));
            }
            if (list.size() > MAX_GAMES) {
                throw AnalyticsException.invalidBody(at + "/games", list.size() + " games; at most " + MAX_GAMES);
            }
            double ownedWeight = model.similarity().weights().purchase();
            Map<String, Double> owned = new TreeMap<>();
            for (int g = 0; g < list.size(); g++) {
                if (!(list.get(g) instanceof String id) || id.isBlank()) {
                    throw AnalyticsException.invalidBody(at + "/games/" + g, "a game id is a non-empty string, not "
                            + Json.typeName(list.get(g)));
                }
                owned.put(id, ownedWeight);
            }
            int n = BuiltInInstances.present(instance, "n") ? BuiltInInstances.integer(instance, "n", at, 1, MAX_N)
                    : DEFAULT_N;
            requests.add(new Request(owned, n));
        }
        List<Map<String, Object>> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            List<Object> recommendations = new ArrayList<>(r.n());
            for (GameRecommendations.Recommendation rec : model.recommendations(r.owned(), r.n())) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("gameId", rec.gameId());
                item.put("score", rec.score());
                item.put("source", rec.source().wireName());
                recommendations.add(item);
            }
            Map<String, Object> prediction = new LinkedHashMap<>();
            prediction.put("recommendations", recommendations);
            out.add(prediction);
        }
        return out;
    }
}
