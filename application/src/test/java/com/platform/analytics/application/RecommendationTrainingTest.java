package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.application.PredictionServiceTest.Prediction;
import com.platform.analytics.application.PredictionServiceTest.RecordingMetrics;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.features.InteractionKind;
import com.platform.analytics.domain.ml.features.UserItemInteraction;
import com.platform.analytics.domain.ml.recommend.Interaction;
import com.platform.analytics.domain.ml.recommend.InteractionWeights;
import com.platform.analytics.domain.ml.recommend.ItemSimilarity;
import com.platform.analytics.domain.ml.recommend.PopularityBaseline;
import com.platform.analytics.domain.ml.recommend.ScoredItem;
import com.platform.analytics.port.in.PredictionUseCase.PredictionResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RecommendationTrainingTest {
    private static final Instant NOW = ModelRegistryServiceTest.T0;
    private static final LocalDate TODAY = LocalDate.parse("2026-03-15");
    /** The time split's cut: 14 days before today. */
    private static final Instant CUT = Instant.parse("2026-03-01T00:00:00Z");
    private static final int CLUSTERS = 3;
    private static final int GAMES_PER_CLUSTER = 15;

    private final OutboxRelayTest.MutableClock clock = new OutboxRelayTest.MutableClock(NOW);
    private final InMemoryModelRegistry store = new InMemoryModelRegistry();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final SummingModelRuntime runtime = new SummingModelRuntime(clock);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final ModelRegistryService registry = new ModelRegistryService(store, runtime, objects, clock);
    private final PredictionService predictions = new PredictionService(store, runtime, objects, metrics, clock,
            List.of(new SalesForecastScorer(), new GameRecommendationScorer()));

    static String game(int cluster, int i) {
        return "c" + cluster + "-g" + (i < 10 ? "0" : "") + i;
    }

    /**
     * Taste clusters: every user belongs to one of three clusters of 15 games and takes 5 of them before the cut and 2
     * more after it, with an occasional game of another cluster; within a cluster the lower-numbered games are
     * more popular. Acquisitions come as a purchase with its library addition, a free library addition, or play alone.
     */
    private static PlantedModelFeatures tasteClusters(long seed) {
        Random random = new Random(seed);
        PlantedModelFeatures features = new PlantedModelFeatures();
        for (int u = 0; u < 240; u++) {
            String user = "u" + u;
            int cluster = u % CLUSTERS;
            List<Integer> order = zipfOrder(random, GAMES_PER_CLUSTER);
            for (int k = 0; k < 7; k++) {
                Instant at = k < 5 ? CUT.minus(Duration.ofHours(1 + random.nextInt(24 * 120)))
                        : CUT.plus(Duration.ofHours(random.nextInt(24 * 14)));
                acquire(features, random, user, game(cluster, order.get(k)), at);
            }
            if (random.nextDouble() < 0.3) {
                acquire(features, random, user, game((cluster + 1 + random.nextInt(2)) % CLUSTERS,
                        random.nextInt(GAMES_PER_CLUSTER)), CUT.minus(Duration.ofHours(1 + random.nextInt(24 * 120))));
            }
        }
        return features;
    }

    /** No taste at all: everyone takes games by global popularity only, which the popularity baseline knows best. */
    private static PlantedModelFeatures popularityOnly(long seed) {
        Random random = new Random(seed);
        PlantedModelFeatures features = new PlantedModelFeatures();
        for (int u = 0; u < 240; u++) {
            List<Integer> order = zipfOrder(random, CLUSTERS * GAMES_PER_CLUSTER);
            for (int k = 0; k < 7; k++) {
                Instant at = k < 5 ? CUT.minus(Duration.ofHours(1 + random.nextInt(24 * 120)))
                        : CUT.plus(Duration.ofHours(random.nextInt(24 * 14)));
                int g = order.get(k);
                acquire(features, random, "u" + u, game(g / GAMES_PER_CLUSTER, g % GAMES_PER_CLUSTER), at);
            }
        }
        return features;
    }

    /** Distinct indexes 0..n-1 drawn with weight 1/(i+1). */
    private static List<Integer> zipfOrder(Random random, int n) {
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            left.add(i);
        }
        List<Integer> order = new ArrayList<>();
        while (!left.isEmpty()) {
            double total = left.stream().mapToDouble(i -> 1.0 / (i + 1)).sum();
            double r = random.nextDouble() * total;
            int pick = left.size() - 1;
            for (int j = 0; j < left.size(); j++) {
                r -= 1.0 / (left.get(j) + 1);
                if (r <= 0) {
                    pick = j;
                    break;
                }
            }
            order.add(left.remove(pick));
        }
        return order;
    }

    private static void acquire(PlantedModelFeatures features, Random random, String user, String game, Instant at) {
        switch (random.nextInt(3)) {
            case 0 -> features.interaction(user, game, InteractionKind.PURCHASE, at, 1)
                    .interaction(user, game, InteractionKind.LIBRARY_ADD, at, 1);
            case 1 -> features.interaction(user, game, InteractionKind.LIBRARY_ADD, at, 1);
            default -> features.interaction(user, game, InteractionKind.PLAY, at, 30 + random.nextInt(600));
        }
    }

    private RecommendationTraining training(PlantedModelFeatures features) {
        return new RecommendationTraining(features, registry, clock);
    }

    private PredictionResult predict(List<?> instances) {
        return predictions.predict(ModelRegistryServiceTest.ALICE, RecommendationTraining.MODEL_NAME, instances);
    }

    @Test
    void learnsTasteClustersBeatsPopularityAndIsPromoted() {
        TrainingOutcome outcome = training(tasteClusters(7)).train();

        assertThat(outcome.promoted()).as(outcome.reason()).isTrue();
        ModelVersion version = outcome.version().orElseThrow();
        assertThat(version.name()).isEqualTo("game_recommendations");
        assertThat(version.format()).isEqualTo(ModelFormat.ITEM_SIMILARITY);
        Map<String, Object> figures = version.performanceMetrics();
        double precision = (Double) figures.get("precision_at_10");
        double popular = (Double) figures.get("popularity_precision_at_10");
        assertThat(precision).isGreaterThan(popular + 0.05);
        assertThat((Double) figures.get("recall_at_10")).isGreaterThan((Double) figures.get("popularity_recall_at_10"));
        assertThat(figures.get("evaluated_users")).isEqualTo(240.0);
        assertThat(figures.get("games")).isEqualTo(45.0);
        assertThat(figures.get("users")).isEqualTo(240.0);
        assertThat(version.trainingDatasetRef()).isEqualTo("ml_features/interactions/2025-09-16..2026-03-14");
        assertThat(registry.history("game_recommendations")).last()
                .satisfies(c -> assertThat(c.reason()).contains("beats popularity's"));
    }

    @Test
    void recommendsSimilarUnownedGamesAsTheDomainModelDoes() {
        PlantedModelFeatures features = tasteClusters(7);
        ModelVersion version = training(features).train().version().orElseThrow();
        List<String> owned = List.of(game(1, 0), game(1, 3), game(1, 7));

        PredictionResult result = predict(List.of(Map.of("games", owned, "n", 5)));

        List<Map<?, ?>> recommendations = recommendations(result.predictions().get(0));
        assertThat(recommendations).hasSize(5).allSatisfy(r -> {
            assertThat((String) r.get("gameId")).startsWith("c1-").isNotIn(owned);
            assertThat(r.get("source")).isEqualTo("similarity");
        });
        // the same list as the domain's item similarity fitted here on the window's interactions
        List<Interaction> all = RecommendationTraining.interactions(features.interactions(TODAY.minusDays(180),
                TODAY.minusDays(1)));
        Map<String, Double> weights = new TreeMap<>();
        owned.forEach(g -> weights.put(g, 1.0));
        List<ScoredItem> expected = ItemSimilarity.fit(all, InteractionWeights.DEFAULT, 50).recommend(weights, 5);
        assertThat(field(recommendations, "gameId")).containsExactlyElementsOf(expected.stream().map(ScoredItem::itemId).toList());
        assertThat(field(recommendations, "score")).containsExactlyElementsOf(expected.stream().map(s -> (Object) s.score()).toList());
        assertThat(metrics.recorded).containsExactly(
                new Prediction("game_recommendations", version.version(), Duration.ZERO, false));
    }

    @Test
    void anEmptyLibraryGetsThePopularGamesAndAShortListIsFilledUpWithThem() {
        PlantedModelFeatures features = tasteClusters(7);
        // a pair of games only one user ever had: each is the other's only neighbour
        features.interaction("loner", "g-solo", InteractionKind.PURCHASE, CUT.minus(Duration.ofDays(9)), 1)
                .interaction("loner", "g-solo-2", InteractionKind.PURCHASE, CUT.minus(Duration.ofDays(8)), 1);
        training(features).train();
        List<Interaction> all = RecommendationTraining.interactions(features.interactions(TODAY.minusDays(180),
                TODAY.minusDays(1)));
        List<String> popular = PopularityBaseline.fit(all).recommend(Map.of(), 50).stream().map(ScoredItem::itemId)
                .toList();
        List<String> library = List.of("g-solo", "g-never-seen");

        PredictionResult result = predict(List.of(Map.of("games", List.of()), Map.of("games", library, "n", 20)));

        List<Map<?, ?>> empty = recommendations(result.predictions().get(0));
        assertThat(field(empty, "gameId")).containsExactlyElementsOf(popular.subList(0, 10));
        assertThat(field(empty, "source")).containsOnly("popularity");
        List<Map<?, ?>> filled = recommendations(result.predictions().get(1));
        List<Object> ids = field(filled, "gameId");
        assertThat(ids).hasSize(20).doesNotHaveDuplicates().doesNotContainAnyElementsOf(library);
        // the similar one first (g-solo-2, its only neighbour), then popular ones: the sources never interleave
        assertThat(ids.get(0)).isEqualTo("g-solo-2");
        List<Object> sources = field(filled, "source");
        assertThat(sources.get(0)).isEqualTo("similarity");
        assertThat(sources.get(19)).isEqualTo("popularity");
        assertThat(sources.lastIndexOf("similarity")).isLessThan(sources.indexOf("popularity"));
        assertThat(ids.subList(sources.indexOf("popularity"), 20))
                .containsExactlyElementsOf(popular.stream().filter(g -> !library.contains(g) && !ids.subList(0,
                        sources.indexOf("popularity")).contains(g)).limit(20 - sources.indexOf("popularity")).toList());
    }

    private static List<Object> field(List<Map<?, ?>> recommendations, String name) {
        return recommendations.stream().map(r -> (Object) r.get(name)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> recommendations(Map<String, Object> prediction) {
        assertThat(prediction).containsOnlyKeys("recommendations");
        return (List<Map<?, ?>>) prediction.get("recommendations");
    }

    @Test
    void refusesBadInstancesNamingTheInstanceAndField() {
        training(tasteClusters(7)).train();
        Map<String, Object> good = Map.of("games", List.of(game(0, 1)));

        refused(() -> predict(List.of(good, Map.of("n", 3))), "/instances/1/games", "no 'games'");
        refused(() -> predict(List.of(Map.of("games", game(0, 1)))), "/instances/0/games", "array");
        refused(() -> predict(List.of(Map.of("games", List.of(game(0, 1), 7)))), "/instances/0/games/1", "string");
        refused(() -> predict(List.of(Map.of("games", List.of(""), "n", 3))), "/instances/0/games/0", "non-empty");
        refused(() -> predict(List.of(Map.of("games", List.of(), "n", 0))), "/instances/0/n", "1 to 100");
        refused(() -> predict(List.of(Map.of("games", List.of(), "n", 101))), "/instances/0/n", "1 to 100");
        refused(() -> predict(List.of(Map.of("games", List.of(), "user", "u1"))), "/instances/0/user", "unknown field");
        refused(() -> predict(List.of("u1")), "/instances/0", "JSON object");

        assertThat(metrics.recorded).hasSize(8).allSatisfy(p -> assertThat(p.failed()).isFalse());
    }

    private static void refused(ThrowingCallable call, String pointer, String... detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
            assertThat(e.pointer()).contains(pointer);
            assertThat(e.detail()).contains(detail);
        });
    }

    @Test
    void keepsAModelThatDoesNotBeatPopularityInStaging() {
        TrainingOutcome outcome = training(popularityOnly(11)).train();

        assertThat(outcome.promoted()).as(outcome.reason()).isFalse();
        ModelVersion version = outcome.version().orElseThrow();
        assertThat(version.stage()).isEqualTo(ModelStage.STAGING);
        assertThat((Double) version.performanceMetrics().get("precision_at_10"))
                .isLessThanOrEqualTo((Double) version.performanceMetrics().get("popularity_precision_at_10"));
        assertThat(outcome.reason()).contains("does not beat popularity's");
        assertThatThrownBy(() -> predict(List.of(Map.of("games", List.of()))))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ML_MODEL_NOT_FOUND));
    }

    @Test
    void skipsTrainingWithoutInteractionsAfterTheCut() {
        PlantedModelFeatures features = new PlantedModelFeatures()
                .interaction("u1", "g1", InteractionKind.PURCHASE, CUT.minus(Duration.ofDays(3)), 1);

        TrainingOutcome outcome = training(features).train();

        assertThat(outcome.version()).isEmpty();
        assertThat(outcome.reason()).contains("no interactions at or after 2026-03-01");
        assertThat(registry.models(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void mapsTheWarehouseKindsOntoTheRecommendersAcquisitionsAndPlayHours() {
        Instant at = CUT.minus(Duration.ofDays(1));
        List<Interaction> mapped = RecommendationTraining.interactions(List.of(
                new UserItemInteraction("u1", "g1", at, InteractionKind.PURCHASE, 2),
                new UserItemInteraction("u1", "g2", at, InteractionKind.LIBRARY_ADD, 1),
                new UserItemInteraction("u1", "g3", at, InteractionKind.PLAY, 90)));

        assertThat(mapped).containsExactly(Interaction.purchase("u1", "g1", at), Interaction.purchase("u1", "g2", at),
                Interaction.play("u1", "g3", 1.5, at));
    }

    @Test
    void runsAsAWeeklyJobCountingTheGamesLearnt() {
        RecommendationTraining job = training(tasteClusters(7));

        assertThat(job.job().name()).isEqualTo("ml_recommendations_training");
        assertThat(job.job().schedule().next(NOW)).contains(Instant.parse("2026-03-16T04:30:00Z"));
        assertThat(job.job().schedule().next(Instant.parse("2026-03-16T04:30:00Z")))
                .contains(Instant.parse("2026-03-23T04:30:00Z"));
        assertThat(job.run(NOW)).isEqualTo(45);
    }
}
