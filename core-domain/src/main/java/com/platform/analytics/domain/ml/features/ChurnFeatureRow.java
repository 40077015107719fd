package com.platform.analytics.domain.ml.features;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * One user's churn features as of a date, with the label when it is known.
 *
 * @param userPseudonym the pseudonymized user id
 * @param asOf the date D whose features these are (events before D 00:00 UTC)
 * @param values the features in {@link ChurnFeature} order
 * @param churned whether the user had no activity in the {@link ChurnFeature#LABEL_WINDOW_DAYS} days from D; null when
 *     the label was not asked for or that window is not complete in the data yet
 */
public record ChurnFeatureRow(String userPseudonym, LocalDate asOf, double[] values, Boolean churned) {
    public ChurnFeatureRow {
        requireNonNull(userPseudonym, "userPseudonym is null");
        requireNonNull(asOf, "asOf is null");
        requireNonNull(values, "values is null");
        if (values.length != ChurnFeature.values().length) {
            throw new IllegalArgumentException("a churn row has " + ChurnFeature.values().length + " features, not " + values.length);
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public double value(ChurnFeature feature) {
        return values[feature.ordinal()];
    }

    public boolean labelled() {
        return churned != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChurnFeatureRow other && userPseudonym.equals(other.userPseudonym) && asOf.equals(other.asOf)
                && Arrays.equals(values, other.values) && java.util.Objects.equals(churned, other.churned);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(userPseudonym, asOf, Arrays.hashCode(values), churned);
    }

    @Override
    public String toString() {
        return "ChurnFeatureRow[" + userPseudonym + ", " + asOf + ", " + Arrays.toString(values) + ", churned=" + churned + "]";
    }
}
