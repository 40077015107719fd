package com.platform.analytics.domain.ml.forecast;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.artifact.ArtifactFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted Holt-Winters model: its parameters and its states after the last observation. {@code seasonalAhead[j]}
 * is the seasonal index of step j + 1 after the last observation (it repeats with the period).
 *
 * <p><b>Prediction intervals</b> are analytic: the model is the point-forecast recursion of the innovations state
 * space model ETS(A,A<sub>d</sub>,A) with Gaussian errors, whose h-step forecast variance is
 * σ²(1 + Σ<sub>j=1..h−1</sub> c<sub>j</sub>²) with c<sub>j</sub> = w'F<sup>j−1</sup>g (Hyndman et al. 2008,
 * ch. 6). This is preferred over empirical quantiles of in-sample h-step errors because a new game's series is
 * short: a few dozen errors per horizon make a 95 % quantile noisy, while the analytic form needs only σ. The
 * c<sub>j</sub> are computed by propagating g through the transition matrix, which covers the three trend kinds with
 * one code path (the closed forms of fpp2 table 7.8 are checked against it in the tests).
 */
public record HoltWintersModel(
        int period,
        TrendKind trend,
        HoltWintersParameters parameters,
        double level,
        double slope,
        double[] seasonalAhead,
        double sigma,
        int observations) implements ForecastModel {
    static final String ARTIFACT_KIND = "holt-winters";
    static final long ARTIFACT_FORMAT = 1;

    public HoltWintersModel {
        requireNonNull(trend, "trend is null");
        requireNonNull(parameters, "parameters is null");
        requireNonNull(seasonalAhead, "seasonalAhead is null");
        seasonalAhead = seasonalAhead.clone();
        if (seasonalAhead.length != period) {
            throw new IllegalArgumentException(
                    "expected " + period + " seasonal states, got " + seasonalAhead.length);
        }
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("sigma must not be negative, was " + sigma);
        }
    }

    @Override
    public double[] seasonalAhead() {
        return seasonalAhead.clone();
    }

    /** The point forecast h steps after the last observation. */
    public double pointForecast(int h) {
        checkStep(h);
        return level + dampedSum(h) * slope + seasonalAhead[(h - 1) % period];
    }

    /** The variance of the h-step forecast error under the ETS model. */
    public double forecastVariance(int h) {
        checkStep(h);
        double phi = effectivePhi();
        double alpha = parameters.alpha();
        double beta = trend == TrendKind.NONE ? 0 : alpha * parameters.beta();
        double gamma = parameters.gamma();
        // state: [level, slope, s_newest, ..., s_oldest]; the next observation reads level + phi*slope + s_oldest
        double[] v = new double[2 + period];
        v[0] = alpha;
        v[1] = beta;
        v[2] = gamma;
        double sum = 1;
        for (int j = 1; j < h; j++) {
            double c = v[0] + phi * v[1] + v[1 + period];
            sum += c * c;
            v = transition(v, phi);
        }
        return sigma * sigma * sum;
    }

    @Override
    public Forecast forecast(int horizon, double confidence) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, was " + horizon);
        }
        double z = StandardNormal.twoSided(confidence);
        List<ForecastPoint> points = new ArrayList<>(horizon);
        for (int h = 1; h <= horizon; h++) {
            double mean = pointForecast(h);
            double halfWidth = z * Math.sqrt(forecastVariance(h));
            points.add(new ForecastPoint(h, mean, mean - halfWidth, mean + halfWidth));
        }
        return new Forecast(confidence, points);
    }

    @Override
    public String method() {
        return ARTIFACT_KIND;
    }

    /** The artifact: everything forecasting needs, as plain JSON values. */
    @Override
    public Map<String, Object> toArtifact() {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("kind", ARTIFACT_KIND);
        artifact.put("format", ARTIFACT_FORMAT);
        artifact.put("period", (long) period);
        artifact.put("trend", trend.name());
        artifact.put("alpha", parameters.alpha());
        artifact.put("beta", parameters.beta());
        artifact.put("gamma", parameters.gamma());
        artifact.put("phi", parameters.phi());
        artifact.put("level", level);
        artifact.put("slope", slope);
        artifact.put("seasonalAhead", ArtifactFields.numbers(seasonalAhead));
        artifact.put("sigma", sigma);
        artifact.put("observations", (long) observations);
        return artifact;
    }

    public static HoltWintersModel fromArtifact(Map<String, Object> artifact) {
        ArtifactFields fields = ArtifactFields.open(artifact, ARTIFACT_KIND, ARTIFACT_FORMAT);
        TrendKind trend;
        try {
            trend = TrendKind.valueOf(fields.string("trend"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("holt-winters artifact: unknown trend " + fields.string("trend"), e);
        }
        return new HoltWintersModel(
                Math.toIntExact(fields.integer("period")),
                trend,
                new HoltWintersParameters(fields.number("alpha"), fields.number("beta"), fields.number("gamma"),
                        fields.number("phi")),
                fields.number("level"),
                fields.number("slope"),
                fields.numbers("seasonalAhead"),
                fields.number("sigma"),
                Math.toIntExact(fields.integer("observations")));
    }

    private double effectivePhi() {
        return switch (trend) {
            case NONE -> 0;
            case ADDITIVE -> 1;
            case DAMPED -> parameters.phi();
        };
    }

    /** φ + φ² + … + φ^h: how much of today's slope the forecast h steps on carries. */
    private double dampedSum(int h) {
        return switch (trend) {
            case NONE -> 0;
            case ADDITIVE -> h;
            case DAMPED -> {
                double sum = 0;
                double power = 1;
                for (int i = 1; i <= h; i++) {
                    power *= parameters.phi();
                    sum += power;
                }
                yield sum;
            }
        };
    }

    private double[] transition(double[] state, double phi) {
        double[] next = new double[state.length];
        next[0] = state[0] + phi * state[1];
        next[1] = phi * state[1];
        // the oldest seasonal state becomes the newest; the others age by one
        next[2] = state[1 + period];
        System.arraycopy(state, 2, next, 3, period - 1);
        return next;
    }

    private void checkStep(int h) {
        if (h < 1) {
            throw new IllegalArgumentException("a forecast step must be at least 1, was " + h);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HoltWintersModel that
                && period == that.period
                && trend == that.trend
                && parameters.equals(that.parameters)
                && Double.compare(level, that.level) == 0
                && Double.compare(slope, that.slope) == 0
                && Arrays.equals(seasonalAhead, that.seasonalAhead)
                && Double.compare(sigma, that.sigma) == 0
                && observations == that.observations;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(seasonalAhead) + Double.hashCode(level) + period;
    }

    @Override
    public String toString() {
        return "HoltWintersModel[period=" + period + ", trend=" + trend + ", parameters=" + parameters + ", level="
                + level + ", slope=" + slope + ", seasonalAhead=" + Arrays.toString(seasonalAhead) + ", sigma="
                + sigma + ", observations=" + observations + "]";
    }
}
