package com.platform.analytics.domain.ml.evaluation;

/** Precision@k and recall@k averaged over {@code users} users. */
public record RankingQuality(int k, double precisionAtK, double recallAtK, int users) {
    public RankingQuality {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        if (users < 0) {
            throw new IllegalArgumentException("users must not be negative, was " + users);
        }
    }
}
