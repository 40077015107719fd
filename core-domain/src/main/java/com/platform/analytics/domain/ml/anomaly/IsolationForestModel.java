package com.platform.analytics.domain.ml.anomaly;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.artifact.ArtifactFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grown isolation forest. The anomaly score of a row is s(x, ψ) = 2<sup>−E(h(x))/c(ψ)</sup>: E(h) is the mean path
 * length over the trees and c(ψ) the average path length of an unsuccessful binary-search-tree search among ψ
 * points, which normalises for the subsample size. Scores near 1 are anomalies, well below 0.5 normal points; all
 * near 0.5 means the data has no distinct anomaly.
 */
public record IsolationForestModel(int features, int subsampleSize, List<IsolationTree> trees) {
    /** The Euler–Mascheroni constant, for the harmonic-number approximation H(i) ≈ ln i + γ. */
    static final double EULER_GAMMA = 0.5772156649015329;
    static final String ARTIFACT_KIND = "isolation-forest";
    static final long ARTIFACT_FORMAT = 1;

    public IsolationForestModel {
        requireNonNull(trees, "trees is null");
        trees = List.copyOf(trees);
        if (trees.isEmpty() || features < 1 || subsampleSize < 1) {
            throw new IllegalArgumentException("a forest needs trees, features and a subsample size");
        }
    }

    /**
     * c(n) = 2H(n − 1) − 2(n − 1)/n with H(i) ≈ ln i + γ (the paper's equation 1); c(2) = 1 exactly (a two-point
     * search takes one step; the approximation would give 0.15) and c(n) = 0 for n ≤ 1, as scikit-learn does.
     */
    public static double averagePathLength(long n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1) + EULER_GAMMA) - 2.0 * (n - 1) / n;
    }

    /** The anomaly score in (0, 1]. */
    public double score(double[] row) {
        requireNonNull(row, "row is null");
        if (row.length != features) {
            throw new IllegalArgumentException("expected " + features + " features, got " + row.length);
        }
        for (double v : row) {
            if (Double.isNaN(v)) {
                // NaN fails every "<=" and would always walk right: a made-up path, so refuse it
                throw new IllegalArgumentException("a feature is NaN");
            }
        }
        double sum = 0;
        for (IsolationTree tree : trees) {
            sum += tree.pathLength(row);
        }
        double normaliser = averagePathLength(subsampleSize);
        if (normaliser == 0) {
            // a forest grown on one row cannot tell anything apart: every row is as (un)usual as any other
            return 0.5;
        }
        return Math.pow(2, -(sum / trees.size()) / normaliser);
    }

    public double[] scores(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = score(rows[i]);
        }
        return out;
    }

    public Map<String, Object> toArtifact() {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("kind", ARTIFACT_KIND);
        artifact.put("format", ARTIFACT_FORMAT);
        artifact.put("features", (long) features);
        artifact.put("subsampleSize", (long) subsampleSize);
        List<Object> list = new ArrayList<>(trees.size());
        for (IsolationTree tree : trees) {
            Map<String, Object> t = new LinkedHashMap<>();
            List<Object> feature = new ArrayList<>();
            List<Object> threshold = new ArrayList<>();
            List<Object> left = new ArrayList<>();
            List<Object> right = new ArrayList<>();
            List<Object> size = new ArrayList<>();
            for (int node = 0; node < tree.nodes(); node++) {
                feature.add((long) tree.featureAt(node));
                threshold.add(tree.thresholdAt(node));
                left.add((long) tree.leftAt(node));
                right.add((long) tree.rightAt(node));
                size.add((long) tree.sizeAt(node));
            }
            t.put("feature", feature);
            t.put("threshold", threshold);
            t.put("left", left);
            t.put("right", right);
            t.put("size", size);
            list.add(t);
        }
        artifact.put("trees", list);
        return artifact;
    }

    public static IsolationForestModel fromArtifact(Map<String, Object> artifact) {
        ArtifactFields fields = ArtifactFields.open(artifact, ARTIFACT_KIND, ARTIFACT_FORMAT);
        int features = Math.toIntExact(fields.integer("features"));
        List<IsolationTree> trees = new ArrayList<>();
        for (Object element : fields.list("trees")) {
            ArtifactFields t = ArtifactFields.nested(ARTIFACT_KIND, element);
            int[] feature = t.integers("feature");
            for (int f : feature) {
                if (f != IsolationTree.LEAF && (f < 0 || f >= features)) {
                    throw new IllegalArgumentException("isolation-forest artifact: a node splits on feature " + f
                            + " of " + features);
                }
            }
            trees.add(new IsolationTree(feature, t.numbers("threshold"), t.integers("left"), t.integers("right"),
                    t.integers("size")));
        }
        return new IsolationForestModel(features, Math.toIntExact(fields.integer("subsampleSize")), trees);
    }
}
