package com.platform.analytics.adapter.tribuo;

import java.util.List;

/**
 * Per feature, the mean and the reciprocal of the standard deviation of the training rows: SGD converges on features
 * of one scale (a day count beside a sum of money), and the learned weights compare. The statistics are kept as floats,
 * because the served ONNX model sees float features and standardizes them with these same constants: the trainer's own
 * scoring ({@link #apply}) rounds the same way, so the two agree to float precision.
 */
final class FeatureStandardization {
    private final float[] mean;
    private final float[] scale;

    private FeatureStandardization(float[] mean, float[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** The statistics of {@code rows} (each {@code width} finite values). A constant feature keeps a scale of 1. */
    static FeatureStandardization fit(List<double[]> rows, int width) {
        double[] sum = new double[width];
        for (double[] row : rows) {
            for (int c = 0; c < width; c++) {
                sum[c] += (float) row[c];
            }
        }
        float[] mean = new float[width];
        for (int c = 0; c < width; c++) {
            mean[c] = (float) (sum[c] / rows.size());
        }
        double[] squares = new double[width];
        for (double[] row : rows) {
            for (int c = 0; c < width; c++) {
                double d = (float) row[c] - mean[c];
                squares[c] += d * d;
            }
        }
        float[] scale = new float[width];
        for (int c = 0; c < width; c++) {
            double std = Math.sqrt(squares[c] / rows.size());
            scale[c] = std > 0 ? (float) (1 / std) : 1f;
        }
        return new FeatureStandardization(mean, scale);
    }

    /** The standardized row: {@code (x - mean) · scale}, from {@code x} rounded to a float as the ONNX input holds it. */
    double[] apply(double[] row) {
        double[] standardized = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            standardized[c] = ((float) row[c] - mean[c]) * (double) scale[c];
        }
        return standardized;
    }

    float mean(int column) {
        return mean[column];
    }

    float scale(int column) {
        return scale[column];
    }
}
