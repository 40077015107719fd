package com.platform.analytics.domain.ml.forecast;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * A deterministic minimiser over the unit box [0, 1]^d: a coarse grid to find the right basin (smoothing-parameter
 * surfaces often have several), then Nelder–Mead from the best grid point to refine it. Points leaving the box are
 * clamped back onto it, which keeps the method simple and every evaluated point valid. No randomness: the same
 * objective always gives the same answer.
 */
final class NelderMead {
    private static final double[] GRID = {0.05, 0.2, 0.4, 0.6, 0.8, 0.95};
    private static final int MAX_EVALUATIONS = 600;
    private static final double TOLERANCE = 1e-10;

    private NelderMead() {
    }

    static double[] minimise(int dimensions, ToDoubleFunction<double[]> objective) {
        requireNonNull(objective, "objective is null");
        double[] best = gridSearch(dimensions, objective);
        return refine(best, objective);
    }

    private static double[] gridSearch(int dimensions, ToDoubleFunction<double[]> objective) {
        int points = (int) Math.pow(GRID.length, dimensions);
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        double[] x = new double[dimensions];
        for (int index = 0; index < points; index++) {
            int rest = index;
            for (int d = 0; d < dimensions; d++) {
                x[d] = GRID[rest % GRID.length];
                rest /= GRID.length;
            }
            double value = objective.applyAsDouble(x);
            // strict comparison: the first of equal points wins, so ties resolve the same way every time
            if (value < bestValue) {
                bestValue = value;
                best = x.clone();
            }
        }
        return best == null ? x.clone() : best;
    }

    private static double[] refine(double[] start, ToDoubleFunction<double[]> objective) {
        int d = start.length;
        double[][] simplex = new double[d + 1][];
        double[] values = new double[d + 1];
        simplex[0] = start.clone();
        for (int i = 0; i < d; i++) {
            double[] vertex = start.clone();
            // step towards the middle of the box so the starting simplex never collapses on a face
            vertex[i] += start[i] < 0.5 ? 0.1 : -0.1;
            simplex[i + 1] = vertex;
        }
        int evaluations = 0;
        for (int i = 0; i <= d; i++) {
            values[i] = objective.applyAsDouble(simplex[i]);
            evaluations++;
        }
        while (evaluations < MAX_EVALUATIONS) {
            sort(simplex, values);
            if (Math.abs(values[d] - values[0]) <= TOLERANCE * (1 + Math.abs(values[0])) && diameter(simplex) < 1e-7) {
                break;
            }
            double[] centroid = new double[d];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    centroid[k] += simplex[i][k] / d;
                }
            }
            double[] reflected = along(centroid, simplex[d], -1);
            double fr = objective.applyAsDouble(reflected);
            evaluations++;
            if (fr < values[0]) {
                double[] expanded = along(centroid, simplex[d], -2);
                double fe = objective.applyAsDouble(expanded);
                evaluations++;
                if (fe < fr) {
                    simplex[d] = expanded;
                    values[d] = fe;
                } else {
                    simplex[d] = reflected;
                    values[d] = fr;
                }
            } else if (fr < values[d - 1]) {
                simplex[d] = reflected;
                values[d] = fr;
            } else {
                boolean outside = fr < values[d];
                double[] contracted = along(centroid, simplex[d], outside ? -0.5 : 0.5);
                double fc = objective.applyAsDouble(contracted);
                evaluations++;
                if (fc < Math.min(fr, values[d])) {
                    simplex[d] = contracted;
                    values[d] = fc;
                } else {
                    for (int i = 1; i <= d; i++) {
                        for (int k = 0; k < d; k++) {
                            simplex[i][k] = simplex[0][k] + 0.5 * (simplex[i][k] - simplex[0][k]);
                        }
                        values[i] = objective.applyAsDouble(simplex[i]);
                        evaluations++;
                    }
                }
            }
        }
        sort(simplex, values);
        return simplex[0];
    }

    /** centroid + t * (worst - centroid), clamped into the box: t = -1 reflects, -2 expands, ±0.5 contracts. */
    private static double[] along(double[] centroid, double[] worst, double t) {
        double[] x = new double[centroid.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.min(1, Math.max(0, centroid[k] + t * (worst[k] - centroid[k])));
        }
        return x;
    }

    private static void sort(double[][] simplex, double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[][] sortedSimplex = new double[simplex.length][];
        double[] sortedValues = new double[values.length];
        for (int i = 0; i < order.length; i++) {
            sortedSimplex[i] = simplex[order[i]];
            sortedValues[i] = values[order[i]];
        }
        System.arraycopy(sortedSimplex, 0, simplex, 0, simplex.length);
        System.arraycopy(sortedValues, 0, values, 0, values.length);
    }

    private static double diameter(double[][] simplex) {
        double max = 0;
        for (int i = 1; i < simplex.length; i++) {
            for (int k = 0; k < simplex[0].length; k++) {
                max = Math.max(max, Math.abs(simplex[i][k] - simplex[0][k]));
            }
        }
        return max;
    }
}
