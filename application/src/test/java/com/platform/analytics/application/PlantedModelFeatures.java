package com.platform.analytics.application;

import com.platform.analytics.domain.ml.features.DailyRevenue;
import com.platform.analytics.domain.ml.features.InteractionKind;
import com.platform.analytics.domain.ml.features.UserItemInteraction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Model features with planted signal, answering as the warehouse would: revenue per game as a function of the day
 * (so any window sees the same values), the platform's as the sum of the games', and interactions filtered by their
 * first time. Only the queries the sales and recommendation training use are answered.
 */
final class PlantedModelFeatures extends UnservedModelFeatures {
    /** Monday first: a weekend peak, as the demo generator plants. */
    static final double[] WEEKDAY = {0.8, 0.85, 0.9, 0.95, 1.1, 1.3, 1.4};

    private final Map<String, BiFunction<String, LocalDate, Double>> revenue = new LinkedHashMap<>();
    private final List<UserItemInteraction> interactions = new ArrayList<>();
    final List<String> revenueQueries = new ArrayList<>();

    /** A game selling since {@code since}: level × weekday factor × (1 + noise), noise ~ N(0, relativeNoise). */
    PlantedModelFeatures seasonalGame(String gameId, LocalDate since, double level, double relativeNoise) {
        revenue.put(gameId, (game, day) -> {
            if (day.isBefore(since)) {
                return 0.0;
            }
            double noise = new Random(game.hashCode() * 31L + day.toEpochDay()).nextGaussian() * relativeNoise;
            return level * WEEKDAY[day.getDayOfWeek().getValue() - 1] * (1 + noise);
        });
        return this;
    }

    /**
     * A game whose weekly pattern wanders: each day is the same weekday of last week plus a large jump, the seasonal
     * random walk, for which "same day last week" is the best forecast there is.
     */
    PlantedModelFeatures wanderingGame(String gameId, LocalDate since, double level, double relativeJump) {
        revenue.put(gameId, (game, day) -> {
            if (day.isBefore(since)) {
                return 0.0;
            }
            double value = level * WEEKDAY[day.getDayOfWeek().getValue() - 1];
            for (LocalDate d = since.plusDays((day.toEpochDay() - since.toEpochDay()) % 7); !d.isAfter(day); d = d.plusDays(7)) {
                value += level * relativeJump * new Random(game.hashCode() * 31L + d.toEpochDay()).nextGaussian();
            }
            return Math.max(1, value);
        });
        return this;
    }

    PlantedModelFeatures interaction(String user, String game, InteractionKind kind, Instant at, double weight) {
        interactions.add(new UserItemInteraction(user, game, at, kind, weight));
        return this;
    }

    double revenue(String gameId, LocalDate day) {
        return round(revenue.get(gameId).apply(gameId, day)).doubleValue();
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
    }

    @Override
    public List<DailyRevenue> dailyRevenue(LocalDate from, LocalDate to, Optional<String> gameId) {
        revenueQueries.add(gameId.orElse("<platform>") + " " + from + ".." + to);
        List<DailyRevenue> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            if (gameId.isPresent()) {
                if (revenue.containsKey(gameId.get())) {
                    total = BigDecimal.valueOf(revenue(gameId.get(), day)).setScale(2, RoundingMode.HALF_EVEN);
                }
            } else {
                for (String game : revenue.keySet()) {
                    total = total.add(BigDecimal.valueOf(revenue(game, day)));
                }
            }
            days.add(new DailyRevenue(day, gameId, total.setScale(2, RoundingMode.HALF_EVEN)));
        }
        return days;
    }

    @Override
    public List<String> ownedGames(String userPseudonym) {
        return interactions.stream().filter(i -> i.userPseudonym().equals(userPseudonym)
                        && i.kind() != com.platform.analytics.domain.ml.features.InteractionKind.PLAY)
                .map(UserItemInteraction::gameId).distinct().sorted().toList();
    }

    @Override
    public List<UserItemInteraction> interactions(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return interactions.stream().filter(i -> !i.firstAt().isBefore(start) && i.firstAt().isBefore(end))
                .sorted(Comparator.comparing(UserItemInteraction::userPseudonym)
                        .thenComparing(UserItemInteraction::gameId).thenComparing(UserItemInteraction::kind))
                .toList();
    }
}
