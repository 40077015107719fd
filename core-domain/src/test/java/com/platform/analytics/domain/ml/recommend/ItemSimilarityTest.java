package com.platform.analytics.domain.ml.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.domain.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemSimilarityTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * u1 bought a, b; u2 bought a, c; u3 bought a, b, c; u4 bought a and played d for 10 hours without buying it
     * (weight 0.5 * 10 / (10 + 10) = 0.25). Game vectors over (u1, u2, u3, u4):
     * a = (1, 1, 1, 1), |a| = 2; b = (1, 0, 1, 0), |b| = sqrt 2; c = (0, 1, 1, 0), |c| = sqrt 2; d = (0, 0, 0, .25).
     * cos(a, b) = 2 / (2 sqrt 2) = 0.707107 = cos(a, c); cos(b, c) = 1 / 2; cos(a, d) = .25 / (2 * .25) = 0.5;
     * cos(b, d) = cos(c, d) = 0.
     */
    private static final List<Interaction> SMALL = List.of(
            Interaction.purchase("u1", "a", T), Interaction.purchase("u1", "b", T),
            Interaction.purchase("u2", "a", T), Interaction.purchase("u2", "c", T),
            Interaction.purchase("u3", "a", T), Interaction.purchase("u3", "b", T),
            Interaction.purchase("u3", "c", T),
            Interaction.purchase("u4", "a", T), Interaction.play("u4", "d", 10, T));

    @Test
    void cosinesMatchTheHandComputation() {
        ItemSimilarityModel model = ItemSimilarity.fit(SMALL, InteractionWeights.DEFAULT, 10);
        assertThat(model.similarity("a", "b")).isCloseTo(0.707107, within(1e-6));
        assertThat(model.similarity("b", "a")).isCloseTo(0.707107, within(1e-6));
        assertThat(model.similarity("a", "c")).isCloseTo(0.707107, within(1e-6));
        assertThat(model.similarity("b", "c")).isCloseTo(0.5, within(1e-12));
        assertThat(model.similarity("a", "d")).isCloseTo(0.5, within(1e-12));
        assertThat(model.similarity("b", "d")).isZero();
    }

    @Test
    void recommendationsExcludeOwnedGamesAndBreakTiesByGameId() {
        ItemSimilarityModel model = ItemSimilarity.fit(SMALL, InteractionWeights.DEFAULT, 10);
        // owning a: b and c tie at 0.707107 (b first by id), then d at 0.5
        assertThat(model.recommend(Map.of("a", 1.0), 10)).extracting(ScoredItem::itemId)
                .containsExactly("b", "c", "d");
        // owning b: a at 0.707107, c at 0.5; d has no similarity to b and is not recommended
        List<ScoredItem> forB = model.recommend(Map.of("b", 1.0), 10);
        assertThat(forB).extracting(ScoredItem::itemId).containsExactly("a", "c");
        // owning a and b: c scores 0.707107 + 0.5 = 1.207107, d 0.5
        List<ScoredItem> forAb = model.recommend(Map.of("a", 1.0, "b", 1.0), 1);
        assertThat(forAb).extracting(ScoredItem::itemId).containsExactly("c");
        assertThat(forAb.get(0).score()).isCloseTo(1.207107, within(1e-6));
    }

    @Test
    void aPurchaseOutweighsAnyAmountOfPlay() {
        InteractionWeights weights = InteractionWeights.DEFAULT;
        Map<String, Map<String, Double>> byUser = weights.byUser(List.of(
                Interaction.play("u", "long", 10_000, T), Interaction.purchase("u", "bought", T),
                Interaction.purchase("u", "both", T), Interaction.play("u", "both", 10, T)));
        assertThat(byUser.get("u").get("long")).isLessThan(byUser.get("u").get("bought"));
        assertThat(byUser.get("u").get("bought")).isEqualTo(1.0);
        assertThat(byUser.get("u").get("both")).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void popularityRanksByDistinctUsersAndSkipsOwnedGames() {
        PopularityBaseline popularity = PopularityBaseline.fit(SMALL);
        // a: 4 users; b, c: 2 each (b first by id); d: 1
        assertThat(popularity.recommend(Map.of(), 10)).extracting(ScoredItem::itemId)
                .containsExactly("a", "b", "c", "d");
        assertThat(popularity.recommend(Map.of("a", 1.0), 2)).extracting(ScoredItem::itemId)
                .containsExactly("b", "c");
    }

    @Test
    void theArtifactReadsBackToAModelThatRecommendsIdentically() {
        ItemSimilarityModel model = ItemSimilarity.fit(TasteClusters.generate(3).interactions(),
                InteractionWeights.DEFAULT, ItemSimilarity.DEFAULT_NEIGHBOURS);
        ItemSimilarityModel readBack = ItemSimilarityModel.fromArtifact(Json.parseObject(Json.write(model.toArtifact())));
        assertThat(readBack).isEqualTo(model);
        for (Map<String, Double> owned : List.of(Map.of("g00", 1.0), Map.of("g17", 1.0, "g33", 0.3),
                Map.of("g05", 1.2, "g06", 1.0, "g50", 0.1))) {
            assertThat(readBack.recommend(owned, 10)).isEqualTo(model.recommend(owned, 10));
        }
    }
}
