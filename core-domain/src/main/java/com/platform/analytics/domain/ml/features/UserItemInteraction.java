package com.platform.analytics.domain.ml.features;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A user's interactions of one kind with one game over a period: the recommender's input.
 *
 * @param firstAt the earliest such event in the period
 * @param weight as {@link InteractionKind} says per kind
 */
public record UserItemInteraction(String userPseudonym, String gameId, Instant firstAt, InteractionKind kind, double weight) {
    public UserItemInteraction {
        requireNonNull(userPseudonym, "userPseudonym is null");
        requireNonNull(gameId, "gameId is null");
        requireNonNull(firstAt, "firstAt is null");
        requireNonNull(kind, "kind is null");
    }
}
