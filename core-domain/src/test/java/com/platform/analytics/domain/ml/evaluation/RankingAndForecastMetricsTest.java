package com.platform.analytics.domain.ml.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingAndForecastMetricsTest {

    @Test
    void precisionAndRecallAtKAreAveragedOverUsersWithSomethingRelevant() {
        // alice: top-2 [a, b], relevant {a, c}: 1 hit -> precision 1/2, recall 1/2
        // bob:   top-2 [x] (only one), relevant {x}: 1 hit -> precision 1/2 (divides by k), recall 1
        // carol: relevant {} -> not counted; dave: nothing recommended, relevant {d} -> 0 and 0
        // mean precision (0.5 + 0.5 + 0) / 3 = 1/3, mean recall (0.5 + 1 + 0) / 3 = 1/2
        RankingQuality quality = RankingMetrics.atK(
                Map.of("alice", List.of("a", "b", "c"), "bob", List.of("x"), "carol", List.of("q")),
                Map.of("alice", Set.of("a", "c"), "bob", Set.of("x"), "carol", Set.of(), "dave", Set.of("d")),
                2);
        assertThat(quality.users()).isEqualTo(3);
        assertThat(quality.precisionAtK()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(quality.recallAtK()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void mapeSkipsZeroActuals() {
        // |100-90|/100 = 0.10, actual 0 skipped, |50-60|/50 = 0.20 -> mean 0.15 over 2 points
        double[] actual = {100, 0, 50};
        double[] forecast = {90, 5, 60};
        assertThat(ForecastMetrics.mape(actual, forecast)).isCloseTo(0.15, within(1e-12));
        assertThat(ForecastMetrics.mapePoints(actual)).isEqualTo(2);
        assertThat(ForecastMetrics.mape(new double[] {0, 0}, new double[] {1, 2})).isNaN();
    }

    @Test
    void coverageCountsActualsInsideTheirIntervalBoundsIncluded() {
        // 10 in [9, 11], 12 on the bound [10, 12], 5 outside [6, 8], 0 in [-1, 1] -> 3 / 4
        double coverage = ForecastMetrics.intervalCoverage(new double[] {10, 12, 5, 0},
                new double[] {9, 10, 6, -1}, new double[] {11, 12, 8, 1});
        assertThat(coverage).isCloseTo(0.75, within(1e-12));
    }
}
