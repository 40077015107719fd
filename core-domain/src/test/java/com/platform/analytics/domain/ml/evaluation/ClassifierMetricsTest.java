package com.platform.analytics.domain.ml.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassifierMetricsTest {

    @Test
    void rocAucMatchesTheScikitLearnDocumentationExample() {
        // sklearn docs: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        double auc = ClassifierMetrics.rocAuc(new boolean[] {false, false, true, true},
                new double[] {0.1, 0.4, 0.35, 0.8});
        assertThat(auc).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void rocAucCountsATieAsOneHalf() {
        // positives score 0.5 and 0.9, negatives 0.5 and 0.2; the four pairs:
        // (0.5 vs 0.5) tie = 1/2, (0.5 vs 0.2) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.2) = 1  ->  3.5 / 4 = 0.875
        double auc = ClassifierMetrics.rocAuc(new boolean[] {false, true, false, true},
                new double[] {0.5, 0.5, 0.2, 0.9});
        assertThat(auc).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void rocAucEqualsThePairCountingDefinitionOnDataFullOfTies() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 400;
        boolean[] positive = new boolean[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            positive[i] = random.nextDouble() < 0.3;
            // scores on a coarse grid so that many are tied, slightly informative
            score[i] = Math.floor((random.nextDouble() + (positive[i] ? 0.3 : 0)) * 8) / 8;
        }
        double pairs = 0;
        double wins = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (positive[i] && !positive[j]) {
                    pairs++;
                    wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                }
            }
        }
        assertThat(ClassifierMetrics.rocAuc(positive, score)).isCloseTo(wins / pairs, within(1e-12));
    }

    @Test
    void rocAucIsUndefinedWithOneClass() {
        assertThatThrownBy(() -> ClassifierMetrics.rocAuc(new boolean[] {true, true}, new double[] {0.1, 0.2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both classes");
    }

    @Test
    void logLossMatchesTheScikitLearnDocumentationExample() {
        // sklearn docs: log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]])
        // == 0.21616...; P(spam) = .9, .1, .2, .65, so -(ln .9 + ln .9 + ln .8 + ln .65) / 4
        //  = (0.105361 + 0.105361 + 0.223144 + 0.430783) / 4 = 0.216162
        double loss = ClassifierMetrics.logLoss(new boolean[] {true, false, false, true},
                new double[] {0.9, 0.1, 0.2, 0.65});
        assertThat(loss).isCloseTo(0.216162, within(1e-6));
    }

    @Test
    void logLossClipsACertainMistakeToAFiniteCost() {
        // p = 0 for a positive: clipped to 1e-15, cost -ln(1e-15) = 34.538776
        double loss = ClassifierMetrics.logLoss(new boolean[] {true}, new double[] {0.0});
        assertThat(loss).isCloseTo(34.538776, within(1e-5));
    }

    @Test
    void brierScoreMatchesTheScikitLearnDocumentationExample() {
        // sklearn docs: brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) == 0.0375
        //  = (0.01 + 0.01 + 0.04 + 0.09) / 4
        double brier = ClassifierMetrics.brierScore(new boolean[] {false, true, true, false},
                new double[] {0.1, 0.9, 0.8, 0.3});
        assertThat(brier).isCloseTo(0.0375, within(1e-12));
    }

    @Test
    void calibrationTableGroupsByDecileOfProbability() {
        // bin [0.1, 0.2): 0.1, 0.15 (one positive) -> mean 0.125, rate 0.5
        // bin [0.9, 1.0]: 0.95, 1.0 (both positive) -> mean 0.975, rate 1.0
        // bin [0.3, 0.4): 0.35 (negative)
        List<CalibrationBin> table = ClassifierMetrics.calibration(
                new boolean[] {true, false, true, true, false},
                new double[] {0.1, 0.15, 0.95, 1.0, 0.35}, 10);
        assertThat(table).hasSize(10);
        assertThat(table.get(1).count()).isEqualTo(2);
        assertThat(table.get(1).meanPredicted()).isCloseTo(0.125, within(1e-12));
        assertThat(table.get(1).observedRate()).isCloseTo(0.5, within(1e-12));
        assertThat(table.get(9).count()).isEqualTo(2);
        assertThat(table.get(9).meanPredicted()).isCloseTo(0.975, within(1e-12));
        assertThat(table.get(9).observedRate()).isEqualTo(1.0);
        assertThat(table.get(3).count()).isEqualTo(1);
        assertThat(table.get(3).observedRate()).isEqualTo(0.0);
        assertThat(table.get(0).count()).isZero();
        assertThat(table.get(0).meanPredicted()).isNaN();
        assertThat(table.stream().mapToLong(CalibrationBin::count).sum()).isEqualTo(5);
    }

    @Test
    void probabilitiesOutsideTheUnitIntervalAreRejected() {
        assertThatThrownBy(() -> ClassifierMetrics.brierScore(new boolean[] {true}, new double[] {1.2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassifierMetrics.logLoss(new boolean[] {true, false}, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length");
    }
}
