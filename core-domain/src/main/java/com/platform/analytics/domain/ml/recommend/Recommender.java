package com.platform.analytics.domain.ml.recommend;

import java.util.List;
import java.util.Map;

/** Recommends up to {@code n} games a user does not own yet, from the games they own and their weights. */
public interface Recommender {
    List<ScoredItem> recommend(Map<String, Double> ownedItemWeights, int n);
}
