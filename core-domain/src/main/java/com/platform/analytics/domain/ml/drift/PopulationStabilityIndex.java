package com.platform.analytics.domain.ml.drift;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * PSI = Σ<sub>bins</sub> (q<sub>i</sub> − p<sub>i</sub>) · ln(q<sub>i</sub> / p<sub>i</sub>), p the reference's
 * share of a bin and q the current one's: a symmetrised Kullback–Leibler divergence over the bins.
 *
 * <p>A share of 0 makes the logarithm infinite, and an empty bin is common (a small day, a category that vanished),
 * so shares are floored at {@code epsilon} (10⁻⁴ by default) before the sum. The floor bounds an empty bin's term
 * at about q·ln(q/ε), still large enough to read as a shift, without letting one empty bin make the index infinite.
 * Shares are not renormalised after flooring: the correction is below ε per bin, far under the reading thresholds.
 */
public final class PopulationStabilityIndex {
    public static final int DEFAULT_BINS = 10;
    public static final double DEFAULT_EPSILON = 1e-4;

    private PopulationStabilityIndex() {
    }

    /** PSI of {@code current} against {@code reference}, over 10 bins at the reference's deciles. */
    public static PsiReport compare(double[] reference, double[] current) {
        return DriftBaseline.of(reference, DEFAULT_BINS).compare(current, DEFAULT_EPSILON);
    }

    /** PSI from given bin shares (each array sums to 1), for bins fixed elsewhere (categories, score bands). */
    public static PsiReport fromShares(double[] referenceShares, double[] currentShares, double epsilon) {
        requireNonNull(referenceShares, "referenceShares is null");
        requireNonNull(currentShares, "currentShares is null");
        if (referenceShares.length != currentShares.length || referenceShares.length == 0) {
            throw new IllegalArgumentException("share arrays must be equally long and not empty: "
                    + referenceShares.length + " against " + currentShares.length);
        }
        double[] edges = new double[referenceShares.length + 1];
        edges[0] = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < edges.length - 1; i++) {
            edges[i] = i;
        }
        edges[edges.length - 1] = Double.POSITIVE_INFINITY;
        return sum(edges, referenceShares, currentShares, epsilon);
    }

    static PsiReport sum(double[] edges, double[] referenceShares, double[] currentShares, double epsilon) {
        if (!(epsilon > 0 && epsilon < 0.01)) {
            throw new IllegalArgumentException("epsilon must lie in (0, 0.01), was " + epsilon);
        }
        double psi = 0;
        List<PsiBin> bins = new ArrayList<>(referenceShares.length);
        for (int i = 0; i < referenceShares.length; i++) {
            double p = Math.max(epsilon, referenceShares[i]);
            double q = Math.max(epsilon, currentShares[i]);
            double term = (q - p) * Math.log(q / p);
            psi += term;
            bins.add(new PsiBin(edges[i], edges[i + 1], referenceShares[i], currentShares[i], term));
        }
        return new PsiReport(psi, DriftLevel.of(psi), bins);
    }
}
