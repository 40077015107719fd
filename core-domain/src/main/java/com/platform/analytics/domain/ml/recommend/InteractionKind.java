package com.platform.analytics.domain.ml.recommend;

/** What a user did with a game. */
public enum InteractionKind {
    /** Bought it: a deliberate choice of money, the strongest signal of taste. */
    PURCHASE,
    /** Played it for some hours (including games received free or as a gift). */
    PLAY
}
