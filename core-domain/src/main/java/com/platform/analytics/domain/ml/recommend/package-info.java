/**
 * Game recommendations from co-purchase and co-play behaviour: item-item cosine similarity over weighted user-item
 * interactions, the popularity baseline it must beat, and a time-split evaluation (train before a cut, score on the
 * games users acquired after it) giving precision@k and recall@k.
 */
package com.platform.analytics.domain.ml.recommend;
