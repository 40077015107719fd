package com.platform.analytics.domain.ml.anomaly;

/**
 * How an isolation forest is grown: {@code trees} trees, each on a subsample of {@code subsampleSize} rows drawn
 * without replacement, from a {@link java.util.SplittableRandom} seeded with {@code seed}. The defaults are those
 * of Liu, Ting &amp; Zhou (2008): 100 trees, subsamples of 256 — their experiments show path lengths converge well
 * before 100 trees and small subsamples isolate anomalies better (less swamping and masking).
 */
public record IsolationForestSettings(int trees, int subsampleSize, long seed) {
    public static final int DEFAULT_TREES = 100;
    public static final int DEFAULT_SUBSAMPLE = 256;

    public IsolationForestSettings {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be at least 1, was " + trees);
        }
        if (subsampleSize < 2) {
            throw new IllegalArgumentException("subsampleSize must be at least 2, was " + subsampleSize);
        }
    }

    public static IsolationForestSettings defaults(long seed) {
        return new IsolationForestSettings(DEFAULT_TREES, DEFAULT_SUBSAMPLE, seed);
    }
}
