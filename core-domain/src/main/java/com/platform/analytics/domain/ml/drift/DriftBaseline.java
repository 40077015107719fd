package com.platform.analytics.domain.ml.drift;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.artifact.ArtifactFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What drift is measured against: bin edges cut at the reference's quantiles and the reference's share in each bin.
 * Kept with a model version (as an artifact) so that daily monitoring needs only today's values, not the training
 * set.
 *
 * <p>Quantile bins give the reference roughly equal shares, so every bin carries weight, whatever the feature's
 * scale or skew. The quantiles are order statistics (the inverse of the empirical distribution function, not an
 * interpolation between neighbours), so every edge is a reference value and every bin (edge below, edge] holds at
 * least that value: the reference never has an empty bin. When the reference has many ties (a count that is mostly
 * 0) several quantiles coincide; duplicates are dropped, leaving fewer, wider bins. Bins are ({@code edges[i]}, {@code edges[i+1]}] with −∞ and +∞ at the ends, so every current
 * value falls in some bin, however far it has moved.
 */
public record DriftBaseline(double[] edges, double[] referenceShares) {
    static final String ARTIFACT_KIND = "drift-baseline";
    static final long ARTIFACT_FORMAT = 1;

    public DriftBaseline {
        requireNonNull(edges, "edges is null");
        requireNonNull(referenceShares, "referenceShares is null");
        edges = edges.clone();
        referenceShares = referenceShares.clone();
        if (edges.length != referenceShares.length + 1 || referenceShares.length == 0) {
            throw new IllegalArgumentException("k bins need k + 1 edges: " + edges.length + " edges, "
                    + referenceShares.length + " shares");
        }
        if (edges[0] != Double.NEGATIVE_INFINITY || edges[edges.length - 1] != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("the outer edges must be infinite so that every value has a bin");
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("edges must increase strictly: " + Arrays.toString(edges));
            }
        }
    }

    public static DriftBaseline of(double[] reference, int bins) {
        requireNonNull(reference, "reference is null");
        if (reference.length == 0) {
            throw new IllegalArgumentException("a drift baseline needs reference values");
        }
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be at least 2, was " + bins);
        }
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("reference values must be finite");
        }
        List<Double> edges = new ArrayList<>();
        edges.add(Double.NEGATIVE_INFINITY);
        for (int i = 1; i < bins; i++) {
            double edge = quantile(sorted, (double) i / bins);
            if (edge > edges.get(edges.size() - 1)) {
                edges.add(edge);
            }
        }
        edges.add(Double.POSITIVE_INFINITY);
        double[] edgeArray = edges.stream().mapToDouble(Double::doubleValue).toArray();
        return new DriftBaseline(edgeArray, shares(edgeArray, reference));
    }

    public int bins() {
        return referenceShares.length;
    }

    public PsiReport compare(double[] current, double epsilon) {
        requireNonNull(current, "current is null");
        if (current.length == 0) {
            throw new IllegalArgumentException("no current values to compare");
        }
        return PopulationStabilityIndex.sum(edges, referenceShares, shares(edges, current), epsilon);
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] referenceShares() {
        return referenceShares.clone();
    }

    public Map<String, Object> toArtifact() {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("kind", ARTIFACT_KIND);
        artifact.put("format", ARTIFACT_FORMAT);
        // the infinite outer edges are implied: JSON has no infinity
        List<Object> inner = new ArrayList<>();
        for (int i = 1; i < edges.length - 1; i++) {
            inner.add(edges[i]);
        }
        artifact.put("innerEdges", inner);
        List<Object> shares = ArtifactFields.numbers(referenceShares);
        artifact.put("referenceShares", shares);
        return artifact;
    }

    public static DriftBaseline fromArtifact(Map<String, Object> artifact) {
        ArtifactFields fields = ArtifactFields.open(artifact, ARTIFACT_KIND, ARTIFACT_FORMAT);
        double[] inner = fields.numbers("innerEdges");
        double[] edges = new double[inner.length + 2];
        edges[0] = Double.NEGATIVE_INFINITY;
        System.arraycopy(inner, 0, edges, 1, inner.length);
        edges[edges.length - 1] = Double.POSITIVE_INFINITY;
        return new DriftBaseline(edges, fields.numbers("referenceShares"));
    }

    private static double[] shares(double[] edges, double[] values) {
        int bins = edges.length - 1;
        double[] shares = new double[bins];
        for (double v : values) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("values must not be NaN");
            }
            shares[bin(edges, v)] += 1.0 / values.length;
        }
        return shares;
    }

    /** The bin (lower, upper] holding v: the first inner edge at or above v, by binary search. */
    private static int bin(double[] edges, double v) {
        int low = 1;
        int high = edges.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (v <= edges[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low - 1;
    }

    /** The smallest reference value with at least a share p of the reference at or below it. */
    private static double quantile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DriftBaseline that && Arrays.equals(edges, that.edges)
                && Arrays.equals(referenceShares, that.referenceShares);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges) * 31 + Arrays.hashCode(referenceShares);
    }

    @Override
    public String toString() {
        return "DriftBaseline[edges=" + Arrays.toString(edges) + ", referenceShares="
                + Arrays.toString(referenceShares) + "]";
    }
}
