package com.platform.analytics.application;

import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import com.platform.analytics.port.out.ModelFeatures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * Generated payment feature rows (seeded): ordinary users paying now and then, and a planted ring of new accounts
 * behind one network buying fast and refunding. Served as {@link ModelFeatures#paymentRows}.
 */
final class FraudPayments extends UnservedModelFeatures {
    final List<PaymentFeatureRow> rows = new ArrayList<>();
    final Set<String> ring = new HashSet<>();
    private final SplittableRandom random;
    private long transactions;

    FraudPayments(long seed) {
        random = new SplittableRandom(seed);
    }

    /** {@code users} ordinary users paying 1-6 times each between from and to (exclusive). */
    FraudPayments ordinary(int users, Instant from, Instant to, String prefix) {
        return ordinary(users, from, to, prefix, 6);
    }

    /** {@code users} ordinary users paying 1 to {@code maxPayments} times each between from and to (exclusive). */
    FraudPayments ordinary(int users, Instant from, Instant to, String prefix, int maxPayments) {
        for (int u = 0; u < users; u++) {
            String user = prefix + u;
            double ageAtStart = 30 + random.nextDouble() * 700;
            double refundRate = random.nextDouble() < 0.8 ? 0 : random.nextDouble() * 0.3;
            long shared = random.nextInt(4);
            int payments = 1 + random.nextInt(maxPayments);
            List<Instant> times = new ArrayList<>();
            for (int p = 0; p < payments; p++) {
                times.add(from.plusSeconds((long) (random.nextDouble() * Duration.between(from, to).getSeconds())));
            }
            times.sort(Comparator.naturalOrder());
            addUser(user, times, () -> Math.exp(5.5 + random.nextDouble() * 2), refundRate, ageAtStart, from, shared);
        }
        return this;
    }

    /** {@code users} ring accounts, each paying 4-6 times in the two hours from {@code at}. */
    FraudPayments ring(int users, Instant at, String prefix) {
        for (int u = 0; u < users; u++) {
            String user = prefix + u;
            ring.add(user);
            int payments = 4 + random.nextInt(3);
            List<Instant> times = new ArrayList<>();
            for (int p = 0; p < payments; p++) {
                times.add(at.plusSeconds(random.nextInt(7200)));
            }
            times.sort(Comparator.naturalOrder());
            addUser(user, times, () -> 3000 + random.nextDouble() * 5000, 0.3 + random.nextDouble() * 0.3,
                    0.05 + random.nextDouble() * 0.5, at, 6 + users);
        }
        return this;
    }

    private void addUser(String user, List<Instant> times, java.util.function.DoubleSupplier amount, double refundRate,
            double ageAtStart, Instant start, long shared) {
        List<PaymentFeatureRow> mine = new ArrayList<>();
        for (Instant t : times) {
            double a = amount.getAsDouble();
            BigDecimal spend24h = BigDecimal.ZERO;
            BigDecimal spend7d = BigDecimal.ZERO;
            long payments24h = 0;
            for (PaymentFeatureRow before : mine) {
                if (before.at().isAfter(t.minus(Duration.ofHours(24)))) {
                    spend24h = spend24h.add(before.amountRub());
                    payments24h++;
                }
                if (before.at().isAfter(t.minus(Duration.ofDays(7)))) {
                    spend7d = spend7d.add(before.amountRub());
                }
            }
            double age = ageAtStart + Duration.between(start, t).toSeconds() / 86400.0;
            mine.add(new PaymentFeatureRow("tx-" + (++transactions), user, t,
                    BigDecimal.valueOf(a).setScale(2, RoundingMode.HALF_UP), spend24h, spend7d, payments24h,
                    mine.isEmpty() ? 0 : refundRate, age, shared));
        }
        rows.addAll(mine);
        rows.sort(Comparator.comparing(PaymentFeatureRow::at));
    }

    @Override
    public List<PaymentFeatureRow> paymentRows(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return rows.stream().filter(r -> !r.at().isBefore(start) && r.at().isBefore(end)).toList();
    }
}
