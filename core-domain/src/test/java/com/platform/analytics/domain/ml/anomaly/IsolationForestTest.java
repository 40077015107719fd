package com.platform.analytics.domain.ml.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.evaluation.ClassifierMetrics;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

    @Test
    void averagePathLengthFollowsThePaperFormula() {
        // c(n) = 2 (ln(n - 1) + 0.5772156649) - 2 (n - 1) / n
        // c(256) = 2 (5.5412635452 + 0.5772156649) - 1.9921875 = 12.2369584201 - 1.9921875 = 10.2447709201
        // c(3)   = 2 (0.6931471806 + 0.5772156649) - 4/3       =  2.5407256909 - 1.3333333333 = 1.2073923576
        assertThat(IsolationForestModel.averagePathLength(256)).isCloseTo(10.2447709201, within(1e-9));
        assertThat(IsolationForestModel.averagePathLength(3)).isCloseTo(1.2073923576, within(1e-9));
        assertThat(IsolationForestModel.averagePathLength(2)).isEqualTo(1.0);
        assertThat(IsolationForestModel.averagePathLength(1)).isZero();
    }

    @Test
    void plantedOutliersAmongGaussianCloudsGetTheTopScores() {
        Planted data = planted(7);
        IsolationForestModel forest = IsolationForest.fit(data.rows, IsolationForestSettings.defaults(99));
        double[] scores = forest.scores(data.rows);
        double auc = ClassifierMetrics.rocAuc(data.outlier, scores);
        System.out.printf("isolation forest on %d rows (%d planted outliers): AUC %.4f%n", data.rows.length,
                OUTLIERS, auc);
        assertThat(auc).isGreaterThan(0.95);
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
        long outliersInTop = Arrays.stream(order, 0, OUTLIERS).filter(i -> data.outlier[i]).count();
        assertThat(outliersInTop).isGreaterThanOrEqualTo(OUTLIERS - 2);
        // the anomalies score above one half, the cloud's typical point below it
        double[] inlierScores = IntStream.range(0, scores.length).filter(i -> !data.outlier[i])
                .mapToDouble(i -> scores[i]).sorted().toArray();
        assertThat(inlierScores[inlierScores.length / 2]).isLessThan(0.5);
        assertThat(scores[order[0]]).isGreaterThan(0.6);
    }

    @Test
    void theSameSeedGrowsTheSameForest() {
        Planted data = planted(3);
        IsolationForestModel first = IsolationForest.fit(data.rows, IsolationForestSettings.defaults(5));
        IsolationForestModel second = IsolationForest.fit(data.rows, IsolationForestSettings.defaults(5));
        IsolationForestModel other = IsolationForest.fit(data.rows, IsolationForestSettings.defaults(6));
        assertThat(second).isEqualTo(first);
        assertThat(second.scores(data.rows)).containsExactly(first.scores(data.rows));
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void theArtifactReadsBackToAForestThatScoresIdentically() {
        Planted data = planted(11);
        IsolationForestModel forest = IsolationForest.fit(data.rows, new IsolationForestSettings(20, 128, 1));
        IsolationForestModel readBack = IsolationForestModel.fromArtifact(
                Json.parseObject(Json.write(forest.toArtifact())));
        assertThat(readBack).isEqualTo(forest);
        assertThat(readBack.scores(data.rows)).containsExactly(forest.scores(data.rows));
    }

    @Test
    void identicalRowsAllScoreOneHalf() {
        // every tree is a single leaf holding all psi rows: E(h) = c(psi), s = 2^-1
        double[][] rows = new double[300][];
        Arrays.setAll(rows, i -> new double[] {4.0, -1.0});
        IsolationForestModel forest = IsolationForest.fit(rows, IsolationForestSettings.defaults(1));
        assertThat(forest.score(new double[] {4.0, -1.0})).isCloseTo(0.5, within(1e-12));
        assertThat(forest.score(new double[] {400.0, 7.0})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void fewerRowsThanTheSubsampleUseThemAll() {
        SplittableRandom random = new SplittableRandom(2);
        double[][] rows = new double[40][];
        Arrays.setAll(rows, i -> new double[] {random.nextGaussian(), random.nextGaussian()});
        rows[0] = new double[] {12, -12};
        IsolationForestModel forest = IsolationForest.fit(rows, IsolationForestSettings.defaults(3));
        assertThat(forest.subsampleSize()).isEqualTo(40);
        double[] scores = forest.scores(rows);
        assertThat(scores[0]).isEqualTo(Arrays.stream(scores).max().orElseThrow());
        IsolationForestModel single = IsolationForest.fit(new double[][] {{1, 2}}, IsolationForestSettings.defaults(3));
        assertThat(single.score(new double[] {5, 5})).isEqualTo(0.5);
    }

    @Test
    void rowsOfTheWrongWidthAreRefused() {
        IsolationForestModel forest = IsolationForest.fit(new double[][] {{1, 2}, {2, 3}, {5, 1}},
                IsolationForestSettings.defaults(3));
        assertThatThrownBy(() -> forest.score(new double[] {1})).hasMessageContaining("expected 2 features");
        assertThatThrownBy(() -> IsolationForest.fit(new double[][] {{1, 2}, {Double.NaN, 3}},
                IsolationForestSettings.defaults(3))).hasMessageContaining("non-finite");
    }

    private static final int OUTLIERS = 20;

    private record Planted(double[][] rows, boolean[] outlier) {
    }

    /** Two unit-variance clouds of 600 points at (0, 0) and (10, 10), and 20 points at least 5 from both centres. */
    private static Planted planted(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int normal = 1200;
        double[][] rows = new double[normal + OUTLIERS][];
        boolean[] outlier = new boolean[rows.length];
        for (int i = 0; i < normal; i++) {
            double centre = i % 2 == 0 ? 0 : 10;
            rows[i] = new double[] {centre + random.nextGaussian(), centre + random.nextGaussian()};
        }
        for (int i = normal; i < rows.length; i++) {
            double x;
            double y;
            do {
                x = -8 + 26 * random.nextDouble();
                y = -8 + 26 * random.nextDouble();
            } while (Math.hypot(x, y) < 5 || Math.hypot(x - 10, y - 10) < 5);
            rows[i] = new double[] {x, y};
            outlier[i] = true;
        }
        return new Planted(rows, outlier);
    }
}
