package com.platform.analytics.domain.ml.features;

/** How a user met a game, with what a {@link UserItemInteraction}'s weight counts for each. */
public enum InteractionKind {
    /** {@code payment.transaction.completed} events carrying the game; weight: their number. */
    PURCHASE,
    /** {@code library.game.added} events of the game (any acquisition); weight: their number. */
    LIBRARY_ADD,
    /** {@code library.session.ended} events of the game; weight: the minutes played (durationSeconds / 60). */
    PLAY
}
