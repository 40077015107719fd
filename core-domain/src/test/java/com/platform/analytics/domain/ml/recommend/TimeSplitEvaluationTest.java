package com.platform.analytics.domain.ml.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.domain.ml.evaluation.RankingQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSplitEvaluationTest {

    @Test
    void itemItemBeatsPopularityOnPlantedTasteClusters() {
        TasteClusters store = TasteClusters.generate(42);
        TimeSplitEvaluation evaluation = new TimeSplitEvaluation(store.start().plus(Duration.ofDays(70)), 10,
                InteractionWeights.DEFAULT);
        RankingQuality itemItem = evaluation.evaluate(store.interactions(),
                train -> ItemSimilarity.fit(train, InteractionWeights.DEFAULT, ItemSimilarity.DEFAULT_NEIGHBOURS));
        RankingQuality popularity = evaluation.evaluate(store.interactions(), PopularityBaseline::fit);
        System.out.printf("time split, %d users: item-item precision@10 %.4f recall@10 %.4f; popularity "
                + "precision@10 %.4f recall@10 %.4f%n", itemItem.users(), itemItem.precisionAtK(),
                itemItem.recallAtK(), popularity.precisionAtK(), popularity.recallAtK());
        assertThat(itemItem.users()).isEqualTo(popularity.users()).isGreaterThan(300);
        assertThat(itemItem.precisionAtK()).isGreaterThan(popularity.precisionAtK() * 1.3);
        assertThat(itemItem.recallAtK()).isGreaterThan(popularity.recallAtK());
    }

    @Test
    void onlyGamesFirstTouchedAfterTheCutAreRelevantAndOnlyUsersWithHistoryAreScored() {
        Instant cut = Instant.parse("2026-02-01T00:00:00Z");
        Instant before = cut.minusSeconds(60);
        Instant after = cut.plusSeconds(60);
        List<Interaction> interactions = List.of(
                // alice owned x and y before; plays x again after (not new), buys z after (new)
                Interaction.purchase("alice", "x", before), Interaction.purchase("alice", "y", before),
                Interaction.play("alice", "x", 3, after), Interaction.purchase("alice", "z", after),
                // bob has no history before the cut: not scored
                Interaction.purchase("bob", "z", after),
                // carol has history but nothing new: not scored
                Interaction.purchase("carol", "x", before));
        // a recommender that always offers z then w: alice gets 1 hit in 2 -> precision@2 1/2, recall 1/1
        Recommender fixed = (owned, n) -> List.of(new ScoredItem("z", 2), new ScoredItem("w", 1));
        RankingQuality quality = new TimeSplitEvaluation(cut, 2, InteractionWeights.DEFAULT)
                .evaluate(interactions, train -> {
                    assertThat(train).allMatch(i -> i.at().isBefore(cut));
                    return fixed;
                });
        assertThat(quality.users()).isEqualTo(1);
        assertThat(quality.precisionAtK()).isCloseTo(0.5, within(1e-12));
        assertThat(quality.recallAtK()).isCloseTo(1.0, within(1e-12));
    }
}
