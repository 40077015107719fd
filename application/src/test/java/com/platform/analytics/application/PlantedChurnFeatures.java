package com.platform.analytics.application;

import com.platform.analytics.domain.ml.features.ChurnFeature;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Churn rows with a planted, learnable signal: every date has the same users with features drawn afresh (seeded by
 * the date, so a date's rows are the same on every call), churned with probability
 * {@code sigmoid(-1 + 0.08 (recency - 10) - 0.006 playtime_trend - 0.15 (friends - 5) - 0.3 (active_days_7 - 3))}:
 * recency alone ranks them somewhat, the other features add to it, and {@code games_owned} is noise. Labels are known
 * as the real port says: only when the data (ending at {@link #dataEnd}) covers the whole label window. Explicit rows
 * for a date replace the generated ones. Calls are recorded; the feature table lives in memory.
 */
final class PlantedChurnFeatures extends UnservedModelFeatures {
    record RowsCall(LocalDate asOf, boolean withLabels) {
    }

    private final int users;
    private final long seed;
    private final LocalDate dataEnd;
    private final Map<LocalDate, List<ChurnFeatureRow>> explicit = new HashMap<>();
    private final Map<LocalDate, List<ChurnFeatureRow>> table = new HashMap<>();
    final List<RowsCall> rowsCalls = new ArrayList<>();
    final List<LocalDate> refreshes = new ArrayList<>();

    /** @param dataEnd the day after the latest event in the data: labels of asOf need asOf + 14 days <= dataEnd */
    PlantedChurnFeatures(int users, long seed, LocalDate dataEnd) {
        this.users = users;
        this.seed = seed;
        this.dataEnd = dataEnd;
    }

    void rows(LocalDate asOf, List<ChurnFeatureRow> rows) {
        explicit.put(asOf, List.copyOf(rows));
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The generated rows of a date with their labels, as the warehouse would compute them. */
    List<ChurnFeatureRow> generated(LocalDate asOf) {
        if (explicit.containsKey(asOf)) {
            return explicit.get(asOf);
        }
        Random random = new Random(seed * 1_000_003L + asOf.toEpochDay());
        List<ChurnFeatureRow> rows = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            double[] v = new double[ChurnFeature.values().length];
            double recency = 1 + random.nextInt(30);
            double active7 = recency > 7 ? 0 : 1 + random.nextInt(7);
            double active30 = Math.max(active7, 1 + random.nextInt(30));
            double trend = random.nextGaussian() * 120;
            double friends = random.nextInt(15);
            v[ChurnFeature.RECENCY_DAYS.ordinal()] = recency;
            v[ChurnFeature.TENURE_DAYS.ordinal()] = 30 + random.nextInt(700);
            v[ChurnFeature.ACTIVE_DAYS_7.ordinal()] = active7;
            v[ChurnFeature.ACTIVE_DAYS_30.ordinal()] = active30;
            v[ChurnFeature.SESSIONS_7.ordinal()] = active7 * random.nextInt(3);
            v[ChurnFeature.SESSIONS_30.ordinal()] = active30 * random.nextInt(3);
            v[ChurnFeature.PLAYTIME_MINUTES_7.ordinal()] = Math.max(0, 200 + trend / 2);
            v[ChurnFeature.PLAYTIME_MINUTES_30.ordinal()] = Math.max(0, 800 + trend);
            v[ChurnFeature.PLAYTIME_TREND.ordinal()] = trend;
            v[ChurnFeature.PURCHASES_30.ordinal()] = random.nextInt(4);
            v[ChurnFeature.NET_REVENUE_30.ordinal()] = random.nextInt(4) * 499.0;
            v[ChurnFeature.REFUNDS_90.ordinal()] = random.nextInt(2);
            v[ChurnFeature.FRIENDS_TOTAL.ordinal()] = friends;
            v[ChurnFeature.GAMES_OWNED.ordinal()] = 1 + random.nextInt(30);
            double z = -1 + 0.08 * (recency - 10) - 0.006 * trend - 0.15 * (friends - 5) - 0.3 * (active7 - 3);
            boolean churned = random.nextDouble() < sigmoid(z);
            rows.add(new ChurnFeatureRow(String.format("u%04d", u), asOf, v, churned));
        }
        return rows;
    }

    @Override
    public synchronized List<ChurnFeatureRow> churnRows(LocalDate asOf, boolean withLabels) {
        rowsCalls.add(new RowsCall(asOf, withLabels));
        boolean known = withLabels && !asOf.plusDays(ChurnFeature.LABEL_WINDOW_DAYS).isAfter(dataEnd);
        return generated(asOf).stream()
                .map(r -> new ChurnFeatureRow(r.userPseudonym(), r.asOf(), r.values(), known ? r.churned() : null))
                .toList();
    }

    @Override
    public synchronized long refreshChurnFeatures(LocalDate asOf) {
        refreshes.add(asOf);
        boolean known = !asOf.plusDays(ChurnFeature.LABEL_WINDOW_DAYS).isAfter(dataEnd);
        List<ChurnFeatureRow> rows = generated(asOf).stream()
                .map(r -> new ChurnFeatureRow(r.userPseudonym(), r.asOf(), r.values(), known ? r.churned() : null))
                .toList();
        table.put(asOf, rows);
        return rows.size();
    }

    @Override
    public synchronized java.util.Optional<LocalDate> latestChurnFeatures(LocalDate notAfter) {
        return table.keySet().stream().filter(d -> !d.isAfter(notAfter)).max(LocalDate::compareTo);
    }

    @Override
    public synchronized List<ChurnFeatureRow> churnFeatures(LocalDate asOf) {
        return table.getOrDefault(asOf, List.of());
    }

    @Override
    public synchronized List<ChurnFeatureRow> churnFeatures(LocalDate asOf, Collection<String> userPseudonyms) {
        Set<String> wanted = new HashSet<>(userPseudonyms);
        return churnFeatures(asOf).stream().filter(r -> wanted.contains(r.userPseudonym())).toList();
    }

    // the churn model reads none of the other models' inputs: a call is a bug in the code under test
}
