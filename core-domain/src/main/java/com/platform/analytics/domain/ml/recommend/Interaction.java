package com.platform.analytics.domain.ml.recommend;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One user-game interaction at {@code at}; {@code playHours} is the time played (0 for a purchase). */
public record Interaction(String userId, String itemId, InteractionKind kind, double playHours, Instant at) {
    public Interaction {
        requireNonNull(userId, "userId is null");
        requireNonNull(itemId, "itemId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(at, "at is null");
        if (!(playHours >= 0) || Double.isInfinite(playHours)) {
            throw new IllegalArgumentException("playHours must be finite and not negative, was " + playHours);
        }
    }

    public static Interaction purchase(String userId, String itemId, Instant at) {
        return new Interaction(userId, itemId, InteractionKind.PURCHASE, 0, at);
    }

    public static Interaction play(String userId, String itemId, double hours, Instant at) {
        return new Interaction(userId, itemId, InteractionKind.PLAY, hours, at);
    }
}
