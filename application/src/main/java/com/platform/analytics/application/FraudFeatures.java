package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fraud detector's two views of the payment rows: each payment on its own ({@link PaymentFeatureRow#FEATURES}),
 * and each paying user, summed over their payments of the {@value #USER_WINDOW_DAYS} days up to and including their
 * latest one. The user vector is computed the same way in training and in scoring (up to the user's latest payment
 * before the end of what was read), so a ring's accounts look in the hourly job as they looked when the forest was
 * grown.
 */
public final class FraudFeatures {
    public static final int USER_WINDOW_DAYS = 7;
    /** The user vector, in {@link UserVector#values()} order. */
    public static final List<String> USER_FEATURES = List.of("payments_7d", "spend_7d_rub", "max_payments_24h",
            "max_spend_24h_rub", "refund_rate_90d", "account_age_days", "shared_network_users");

    private FraudFeatures() {
    }

    /**
     * One user's vector.
     *
     * @param latest the user's latest payment, whose transaction the vector was computed at
     */
    public record UserVector(String userPseudonym, PaymentFeatureRow latest, double[] values) {
        public UserVector {
            requireNonNull(userPseudonym, "userPseudonym is null");
            requireNonNull(latest, "latest is null");
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        public Map<String, Object> valuesJson() {
            return named(USER_FEATURES, values);
        }
    }

    /**
     * The vector of every user with a payment in {@code rows}, in order of first appearance.
     * <ul>
     *   <li>payments_7d, spend_7d_rub: the user's payments in the window, counted and summed</li>
     *   <li>max_payments_24h, max_spend_24h_rub: the highest velocity reached at one of them, that payment included
     *       (the row's 24-hour figures are of the payments before it)</li>
     *   <li>refund_rate_90d, account_age_days: as at the latest payment</li>
     *   <li>shared_network_users: the most other accounts seen on the user's networks at any of them</li>
     * </ul>
     */
    public static List<UserVector> users(List<PaymentFeatureRow> rows) {
        requireNonNull(rows, "rows is null");
        Map<String, List<PaymentFeatureRow>> byUser = new LinkedHashMap<>();
        for (PaymentFeatureRow row : rows) {
            byUser.computeIfAbsent(row.userPseudonym(), u -> new ArrayList<>()).add(row);
        }
        List<UserVector> vectors = new ArrayList<>(byUser.size());
        for (var e : byUser.entrySet()) {
            vectors.add(user(e.getKey(), e.getValue()));
        }
        return vectors;
    }

    private static UserVector user(String user, List<PaymentFeatureRow> rows) {
        PaymentFeatureRow latest = rows.stream().max(Comparator.comparing(PaymentFeatureRow::at)
                .thenComparing(PaymentFeatureRow::transactionId)).orElseThrow();
        Instant from = latest.at().minus(Duration.ofDays(USER_WINDOW_DAYS));
        double payments = 0;
        double spend = 0;
        double maxPayments24h = 0;
        double maxSpend24h = 0;
        double shared = 0;
        for (PaymentFeatureRow r : rows) {
            if (r.at().isBefore(from) || r.at().isAfter(latest.at())) {
                continue;
            }
            double amount = r.amountRub().doubleValue();
            payments++;
            spend += amount;
            maxPayments24h = Math.max(maxPayments24h, r.payments24h() + 1);
            maxSpend24h = Math.max(maxSpend24h, r.spend24hRub().doubleValue() + amount);
            shared = Math.max(shared, r.sharedNetworkUsers());
        }
        return new UserVector(user, latest, new double[] {payments, spend, maxPayments24h, maxSpend24h,
                latest.refundRate90d(), latest.accountAgeDays(), shared});
    }

    /** A payment's features by name, for an alert's details. */
    public static Map<String, Object> paymentJson(PaymentFeatureRow row) {
        return named(PaymentFeatureRow.FEATURES, row.values());
    }

    static Map<String, Object> named(List<String> names, double[] values) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            json.put(names.get(i), values[i]);
        }
        return json;
    }
}
