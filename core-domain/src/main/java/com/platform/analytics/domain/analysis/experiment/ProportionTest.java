package com.platform.analytics.domain.analysis.experiment;

/**
 * The two-proportion z-test of a variant's conversion rate against control's: the p-value from the pooled
 * standard error (the one valid under the null hypothesis of equal rates), the confidence interval of the
 * difference from the unpooled one (the one that describes the difference actually observed).
 */
public final class ProportionTest {
    private ProportionTest() {
    }

    /** @return null when either group is empty */
    public static Comparison compare(long controlUsers, long controlConversions, long users, long conversions) {
        check(controlUsers, controlConversions);
        check(users, conversions);
        if (controlUsers == 0 || users == 0) {
            return null;
        }
        double pa = (double) controlConversions / controlUsers;
        double pb = (double) conversions / users;
        double difference = pb - pa;
        double varA = pa * (1 - pa) / controlUsers;
        double varB = pb * (1 - pb) / users;
        Interval absolute = Interval.around(difference, Comparison.Z_95 * Math.sqrt(varA + varB));

        double pooled = (double) (controlConversions + conversions) / (controlUsers + users);
        double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1.0 / controlUsers + 1.0 / users));
        Double z = null;
        Double p = null;
        if (pooledSe > 0) {
            z = difference / pooledSe;
            p = Distributions.normalTwoSidedP(z);
        }
        return new Comparison(absolute, Comparison.relativeLift(pa, varA, pb, varB), z, null, p,
                BetaPosteriors.probabilityToBeat(controlUsers, controlConversions, users, conversions));
    }

    private static void check(long users, long conversions) {
        if (users < 0 || conversions < 0 || conversions > users) {
            throw new IllegalArgumentException("conversions must be within 0..users, got " + conversions + " of " + users);
        }
    }
}
