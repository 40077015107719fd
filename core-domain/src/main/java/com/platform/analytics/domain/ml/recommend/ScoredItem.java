package com.platform.analytics.domain.ml.recommend;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/** A recommended game and its score (higher is better; comparable only within one recommender). */
public record ScoredItem(String itemId, double score) {
    /** Best first; equal scores by game id, so a list never depends on hash or insertion order. */
    public static final Comparator<ScoredItem> BEST_FIRST =
            Comparator.comparingDouble(ScoredItem::score).reversed().thenComparing(ScoredItem::itemId);

    public ScoredItem {
        requireNonNull(itemId, "itemId is null");
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score is NaN for " + itemId);
        }
    }
}
