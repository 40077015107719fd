package com.platform.analytics.domain.ml.features;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The fraud detector's features of one completed payment at time t, from the paying user's events strictly before t
 * (other payments in the same millisecond included in none of the windows); amounts in RUB.
 *
 * @param amountRub the payment's own amount
 * @param spend24hRub the user's completed payments with t - 24h &lt;= time &lt; t, summed
 * @param spend7dRub the same over t - 7 days
 * @param payments24h the number of those payments of the last 24 hours
 * @param refundRate90d the user's refunds with t - 90d &lt;= time &lt; t divided by their payments in that window plus
 *     this one (so never a division by zero; 0 for a user who never had a refund)
 * @param accountAgeDays (t - the time of the user's first event of any kind, registration included) in days, fractional
 * @param sharedNetworkUsers the many-accounts signal: distinct other users seen, before t, on a network the payer was
 *     seen on before t. The events carry no device or payment-instrument fingerprint; {@code ipAddress} of
 *     registrations, logins and session starts is the only shared identifier, stored truncated to its /24 (IPv4)
 *     or /48 (IPv6) network by the pseudonymizer, so this counts accounts behind the same network
 */
public record PaymentFeatureRow(String transactionId, String userPseudonym, Instant at, BigDecimal amountRub,
        BigDecimal spend24hRub, BigDecimal spend7dRub, long payments24h, double refundRate90d, double accountAgeDays,
        long sharedNetworkUsers) {
    /** The numeric features in {@link #values()} order. */
    public static final List<String> FEATURES = List.of("amount_rub", "spend_24h_rub", "spend_7d_rub", "payments_24h",
            "refund_rate_90d", "account_age_days", "shared_network_users");

    public PaymentFeatureRow {
        requireNonNull(transactionId, "transactionId is null");
        requireNonNull(userPseudonym, "userPseudonym is null");
        requireNonNull(at, "at is null");
        requireNonNull(amountRub, "amountRub is null");
        requireNonNull(spend24hRub, "spend24hRub is null");
        requireNonNull(spend7dRub, "spend7dRub is null");
    }

    /** The features as numbers, in {@link #FEATURES} order. */
    public double[] values() {
        return new double[] {amountRub.doubleValue(), spend24hRub.doubleValue(), spend7dRub.doubleValue(), payments24h,
                refundRate90d, accountAgeDays, sharedNetworkUsers};
    }
}
