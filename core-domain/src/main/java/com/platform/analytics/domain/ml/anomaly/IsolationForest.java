package com.platform.analytics.domain.ml.anomaly;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Grows an isolation forest (Liu, Ting &amp; Zhou, "Isolation Forest", ICDM 2008). Anomalies are few and different,
 * so random axis-parallel cuts isolate them in fewer steps than normal points: each tree splits a subsample on a
 * random feature at a uniform random value between that feature's minimum and maximum in the node, until a node
 * holds one row, all its rows are equal, or the height limit ⌈log₂ ψ⌉ is reached (beyond it the path lengths of
 * normal points no longer matter; leaves estimate the rest with c(size)).
 *
 * <p>When there are fewer rows than the subsample size, each tree uses all rows (ψ = n), as the paper and
 * scikit-learn do. Features without spread in a node are never chosen for a cut there.
 */
public final class IsolationForest {
    private IsolationForest() {
    }

    public static IsolationForestModel fit(double[][] rows, IsolationForestSettings settings) {
        requireNonNull(rows, "rows is null");
        requireNonNull(settings, "settings is null");
        if (rows.length == 0) {
            throw new IllegalArgumentException("an isolation forest needs at least one row");
        }
        int features = rows[0].length;
        if (features == 0) {
            throw new IllegalArgumentException("rows have no features");
        }
        for (double[] row : rows) {
            if (row.length != features) {
                throw new IllegalArgumentException("rows differ in width: " + row.length + " against " + features);
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("a row holds a non-finite value: " + v);
                }
            }
        }
        int subsample = Math.min(settings.subsampleSize(), rows.length);
        int heightLimit = (int) Math.ceil(Math.log(Math.max(2, subsample)) / Math.log(2));
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[] indices = new int[rows.length];
        List<IsolationTree> trees = new ArrayList<>(settings.trees());
        for (int t = 0; t < settings.trees(); t++) {
            for (int i = 0; i < indices.length; i++) {
                indices[i] = i;
            }
            // partial Fisher–Yates: the first `subsample` positions become a sample without replacement
            for (int i = 0; i < subsample; i++) {
                int j = i + random.nextInt(indices.length - i);
                int swap = indices[i];
                indices[i] = indices[j];
                indices[j] = swap;
            }
            int[] sample = Arrays.copyOf(indices, subsample);
            trees.add(new TreeBuilder(rows, features, heightLimit, random).build(sample));
        }
        return new IsolationForestModel(features, subsample, trees);
    }

    private static final class TreeBuilder {
        private final double[][] rows;
        private final int features;
        private final int heightLimit;
        private final SplittableRandom random;
        private final List<Integer> feature = new ArrayList<>();
        private final List<Double> threshold = new ArrayList<>();
        private final List<Integer> left = new ArrayList<>();
        private final List<Integer> right = new ArrayList<>();
        private final List<Integer> size = new ArrayList<>();

        TreeBuilder(double[][] rows, int features, int heightLimit, SplittableRandom random) {
            this.rows = rows;
            this.features = features;
            this.heightLimit = heightLimit;
            this.random = random;
        }

        IsolationTree build(int[] sample) {
            grow(sample, 0);
            return new IsolationTree(
                    feature.stream().mapToInt(Integer::intValue).toArray(),
                    threshold.stream().mapToDouble(Double::doubleValue).toArray(),
                    left.stream().mapToInt(Integer::intValue).toArray(),
                    right.stream().mapToInt(Integer::intValue).toArray(),
                    size.stream().mapToInt(Integer::intValue).toArray());
        }

        private int grow(int[] sample, int depth) {
            int node = feature.size();
            feature.add(IsolationTree.LEAF);
            threshold.add(0.0);
            left.add(-1);
            right.add(-1);
            size.add(sample.length);
            if (depth >= heightLimit || sample.length <= 1) {
                return node;
            }
            double[] min = new double[features];
            double[] max = new double[features];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int index : sample) {
                for (int f = 0; f < features; f++) {
                    min[f] = Math.min(min[f], rows[index][f]);
                    max[f] = Math.max(max[f], rows[index][f]);
                }
            }
            int spread = 0;
            for (int f = 0; f < features; f++) {
                if (max[f] > min[f]) {
                    spread++;
                }
            }
            if (spread == 0) {
                return node;
            }
            int chosen = random.nextInt(spread);
            int f = 0;
            while (true) {
                if (max[f] > min[f] && chosen-- == 0) {
                    break;
                }
                f++;
            }
            double cut = min[f] + random.nextDouble() * (max[f] - min[f]);
            if (cut >= max[f]) {
                // guard against rounding: a cut at the maximum would leave the right side empty
                cut = min[f];
            }
            int below = 0;
            for (int index : sample) {
                if (rows[index][f] <= cut) {
                    below++;
                }
            }
            int[] leftSample = new int[below];
            int[] rightSample = new int[sample.length - below];
            int l = 0;
            int r = 0;
            for (int index : sample) {
                if (rows[index][f] <= cut) {
                    leftSample[l++] = index;
                } else {
                    rightSample[r++] = index;
                }
            }
            feature.set(node, f);
            threshold.set(node, cut);
            int leftChild = grow(leftSample, depth + 1);
            int rightChild = grow(rightSample, depth + 1);
            left.set(node, leftChild);
            right.set(node, rightChild);
            return node;
        }
    }
}
