package com.platform.analytics.domain.ml.recommend;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * How strongly a user's interactions with a game say "this user likes this game":
 * weight = {@code purchase} if bought, plus {@code maxPlay} · h / (h + {@code playHoursAtHalf}) for h hours played.
 *
 * <p>A purchase outweighs any amount of play (by default 1.0 against at most 0.5): paying is a deliberate choice,
 * while hours depend as much on the kind of game (an endless online game against a short story) as on liking it.
 * Hours saturate so that a few addicts of one game do not make it similar to everything they touch. A game played
 * but not bought (free to play, a gift) still counts, with the play part alone; one neither bought nor played
 * (0 hours) has weight 0 and is left out, as if never seen.
 */
public record InteractionWeights(double purchase, double maxPlay, double playHoursAtHalf) {
    public static final InteractionWeights DEFAULT = new InteractionWeights(1.0, 0.5, 10.0);

    public InteractionWeights {
        if (!(purchase > 0) || !(maxPlay >= 0) || !(playHoursAtHalf > 0)) {
            throw new IllegalArgumentException("weights must be positive (maxPlay may be 0): purchase " + purchase
                    + ", maxPlay " + maxPlay + ", playHoursAtHalf " + playHoursAtHalf);
        }
        if (maxPlay >= purchase) {
            throw new IllegalArgumentException("play must weigh less than a purchase: maxPlay " + maxPlay
                    + " against purchase " + purchase);
        }
    }

    /** The weight of each (user, game) pair, users and games in sorted order so every sum runs in the same order. */
    public Map<String, Map<String, Double>> byUser(Collection<Interaction> interactions) {
        requireNonNull(interactions, "interactions is null");
        Map<String, Map<String, Boolean>> bought = new TreeMap<>();
        Map<String, Map<String, Double>> hours = new TreeMap<>();
        for (Interaction interaction : interactions) {
            bought.computeIfAbsent(interaction.userId(), u -> new TreeMap<>())
                    .merge(interaction.itemId(), interaction.kind() == InteractionKind.PURCHASE, Boolean::logicalOr);
            hours.computeIfAbsent(interaction.userId(), u -> new TreeMap<>())
                    .merge(interaction.itemId(), interaction.playHours(), Double::sum);
        }
        Map<String, Map<String, Double>> weights = new TreeMap<>();
        bought.forEach((user, items) -> {
            Map<String, Double> row = new TreeMap<>();
            items.forEach((item, purchased) -> {
                double h = hours.get(user).get(item);
                double weight = (purchased ? purchase : 0) + maxPlay * h / (h + playHoursAtHalf);
                if (weight > 0) {
                    row.put(item, weight);
                }
            });
            if (!row.isEmpty()) {
                weights.put(user, row);
            }
        });
        return weights;
    }
}
