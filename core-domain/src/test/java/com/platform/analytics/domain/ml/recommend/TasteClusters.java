package com.platform.analytics.domain.ml.recommend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded store with planted tastes: 60 games in 4 clusters of 15 (g00–g14 is cluster 0 …), 400 users each
 * belonging to one cluster. A user acquires 10 games over 100 days: each from their own cluster with probability
 * 0.8 (games within a cluster equally likely), otherwise from the whole store weighted by a global popularity that
 * falls with the game's number (so popularity is a real but taste-blind signal). Some acquisitions are purchases,
 * some play only.
 */
record TasteClusters(List<Interaction> interactions, Instant start) {
    static final int GAMES = 60;
    static final int CLUSTERS = 4;
    static final int USERS = 400;
    static final int GAMES_PER_USER = 10;
    static final int DAYS = 100;

    static TasteClusters generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        int perCluster = GAMES / CLUSTERS;
        double[] popularity = new double[GAMES];
        double total = 0;
        for (int g = 0; g < GAMES; g++) {
            popularity[g] = 1.0 / (1 + g % perCluster) + (g < perCluster ? 0.5 : 0);
            total += popularity[g];
        }
        List<Interaction> interactions = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            String user = "u" + u;
            int cluster = u % CLUSTERS;
            Set<Integer> owned = new HashSet<>();
            while (owned.size() < GAMES_PER_USER) {
                int game;
                if (random.nextDouble() < 0.8) {
                    game = cluster * perCluster + random.nextInt(perCluster);
                } else {
                    double pick = random.nextDouble() * total;
                    game = 0;
                    while (pick > popularity[game] && game < GAMES - 1) {
                        pick -= popularity[game];
                        game++;
                    }
                }
                if (!owned.add(game)) {
                    continue;
                }
                String item = String.format("g%02d", game);
                Instant at = start.plus(Duration.ofMinutes(random.nextLong(DAYS * 24L * 60)));
                if (random.nextDouble() < 0.7) {
                    interactions.add(Interaction.purchase(user, item, at));
                }
                interactions.add(Interaction.play(user, item, random.nextDouble() * 40, at.plusSeconds(3600)));
            }
        }
        return new TasteClusters(interactions, start);
    }
}
