package com.platform.analytics.domain.ml.anomaly;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One isolation tree in flat arrays (node 0 is the root): an internal node sends a row left when
 * {@code row[feature] <= threshold}; a leaf ({@code feature == LEAF}) remembers how many training rows reached it.
 * Arrays rather than node objects make the tree cheap to walk and trivial to write as an artifact.
 */
public record IsolationTree(int[] feature, double[] threshold, int[] left, int[] right, int[] size) {
    public static final int LEAF = -1;

    public IsolationTree {
        requireNonNull(feature, "feature is null");
        requireNonNull(threshold, "threshold is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(size, "size is null");
        int n = feature.length;
        if (n == 0 || threshold.length != n || left.length != n || right.length != n || size.length != n) {
            throw new IllegalArgumentException("a tree needs at least one node and equally long arrays");
        }
        for (int i = 0; i < n; i++) {
            if (feature[i] != LEAF && (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n)) {
                // children always come after their parent, so a walk always ends
                throw new IllegalArgumentException("node " + i + " has children outside the tree or before it");
            }
        }
        feature = feature.clone();
        threshold = threshold.clone();
        left = left.clone();
        right = right.clone();
        size = size.clone();
    }

    /** h(x): edges from the root to x's leaf, plus c(size) for the unbuilt subtree of a leaf holding several rows. */
    public double pathLength(double[] row) {
        int node = 0;
        int edges = 0;
        while (feature[node] != LEAF) {
            node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
            edges++;
        }
        return edges + IsolationForestModel.averagePathLength(size[node]);
    }

    int nodes() {
        return feature.length;
    }

    int featureAt(int node) {
        return feature[node];
    }

    double thresholdAt(int node) {
        return threshold[node];
    }

    int leftAt(int node) {
        return left[node];
    }

    int rightAt(int node) {
        return right[node];
    }

    int sizeAt(int node) {
        return size[node];
    }

    @Override
    public int[] feature() {
        return feature.clone();
    }

    @Override
    public double[] threshold() {
        return threshold.clone();
    }

    @Override
    public int[] left() {
        return left.clone();
    }

    @Override
    public int[] right() {
        return right.clone();
    }

    @Override
    public int[] size() {
        return size.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IsolationTree that
                && Arrays.equals(feature, that.feature)
                && Arrays.equals(threshold, that.threshold)
                && Arrays.equals(left, that.left)
                && Arrays.equals(right, that.right)
                && Arrays.equals(size, that.size);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(feature) * 31 + Arrays.hashCode(threshold);
    }

    @Override
    public String toString() {
        return "IsolationTree[nodes=" + feature.length + "]";
    }
}
