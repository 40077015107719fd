package com.platform.analytics.domain.analysis.experiment;

/**
 * The standard normal, Student t and chi-square distributions: distribution functions from the regularized
 * incomplete gamma and beta functions ({@link SpecialFunctions}), quantiles by inversion.
 */
public final class Distributions {
    private static final double SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

    // Acklam's rational approximation of the normal quantile (relative error 1.15e-9), refined below by one
    // Halley step against the exact distribution function, which brings it to full double precision
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    private static final double P_LOW = 0.02425;

    private Distributions() {
    }

    /** Φ(x), the standard normal distribution function: Φ(x) = erfc(-x/√2)/2 and erfc(z) = Q(1/2, z²). */
    public static double normalCdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? 1 : 0;
        }
        double upperHalf = 0.5 * SpecialFunctions.regularizedGammaQ(0.5, x * x / 2);
        return x < 0 ? upperHalf : 1 - upperHalf;
    }

    /** P(|Z| >= |z|) for a standard normal Z, without the cancellation of 2(1 - Φ(|z|)). */
    public static double normalTwoSidedP(double z) {
        return SpecialFunctions.regularizedGammaQ(0.5, z * z / 2);
    }

    /** Φ⁻¹(p) for 0 < p < 1. */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a probability strictly between 0 and 1 is needed, got " + p);
        }
        double x;
        if (p < P_LOW) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else if (p <= 1 - P_LOW) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                    / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        // Halley's step on Φ(x) - p, with Φ(x) written through its smaller tail so no precision is lost to 1 - ...
        double smallerTail = 0.5 * SpecialFunctions.regularizedGammaQ(0.5, x * x / 2);
        double e = x > 0 ? (1 - p) - smallerTail : smallerTail - p;
        double u = e * SQRT_TWO_PI * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /** P(T <= t) for Student's t with {@code df} (> 0, not necessarily whole) degrees of freedom. */
    public static double studentTCdf(double t, double df) {
        checkDegreesOfFreedom(df);
        if (Double.isInfinite(t)) {
            return t > 0 ? 1 : 0;
        }
        double tail = 0.5 * studentTTwoSidedP(t, df);
        return t > 0 ? 1 - tail : tail;
    }

    /** P(|T| >= |t|) = I_{df/(df+t²)}(df/2, 1/2). */
    public static double studentTTwoSidedP(double t, double df) {
        checkDegreesOfFreedom(df);
        if (t == 0) {
            return 1;
        }
        return SpecialFunctions.regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** The t with P(T <= t) = p, for 0.5 <= p < 1, by bisection on the distribution function. */
    public static double studentTQuantile(double p, double df) {
        checkDegreesOfFreedom(df);
        if (!(p >= 0.5 && p < 1)) {
            throw new IllegalArgumentException("the upper quantiles (0.5 <= p < 1) are supported, got " + p);
        }
        double twoSided = 2 * (1 - p);
        double low = 0;
        double high = Math.max(1, normalQuantile(p));
        while (studentTTwoSidedP(high, df) > twoSided) {
            low = high;
            high *= 2;
        }
        // the two-sided tail falls as t grows; 200 halvings are far below double resolution
        for (int i = 0; i < 200 && high - low > Math.ulp(high); i++) {
            double mid = 0.5 * (low + high);
            if (studentTTwoSidedP(mid, df) > twoSided) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }

    /** P(X >= x) for a chi-square X with {@code df} degrees of freedom: Q(df/2, x/2). */
    public static double chiSquareSurvival(double x, double df) {
        checkDegreesOfFreedom(df);
        if (x <= 0) {
            return 1;
        }
        return SpecialFunctions.regularizedGammaQ(df / 2, x / 2);
    }

    private static void checkDegreesOfFreedom(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("degrees of freedom must be positive and finite, got " + df);
        }
    }
}
