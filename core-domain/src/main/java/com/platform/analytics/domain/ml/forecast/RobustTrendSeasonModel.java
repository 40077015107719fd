package com.platform.analytics.domain.ml.forecast;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.artifact.ArtifactFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@link RobustTrendSeason} model.
 *
 * <p>The robust part: the deseasonalised {@code level} at the last observation, the {@code slope} it carries forward
 * (the fitted slope times {@code trendShare}), the multiplicative seasonal index of each step after the last
 * observation ({@code seasonalAhead[j]} for step j + 1, repeating with the period), the relative residual σ
 * {@code relativeSigma} and the trend {@code window}. Its h-step forecast is r<sub>h</sub> = max(0, level +
 * h·slope)·s<sub>h</sub> with interval r<sub>h</sub>(1 ± z·σ·√(1 + 1/w + (w − 1 + h − x̄)²/Σ(x − x̄)²)), x = 0..w−1
 * the window's positions (the prediction interval of a regression line extrapolated h steps), the lower bound
 * never below zero.
 *
 * <p>The naive part: {@code lastSeason} (the last {@code period} observations) and {@code naiveSigma}, giving
 * {@link SeasonalNaive}'s forecast and interval. The forecast is (1 − ω)·robust + ω·naive for mean and both bounds,
 * ω = {@code naiveWeight}.
 */
public record RobustTrendSeasonModel(
        int period,
        double level,
        double slope,
        double trendShare,
        double[] seasonalAhead,
        double relativeSigma,
        int window,
        double naiveWeight,
        double[] lastSeason,
        double naiveSigma,
        int observations) implements ForecastModel {
    static final String ARTIFACT_KIND = "robust-trend-season";
    static final long ARTIFACT_FORMAT = 1;

    public RobustTrendSeasonModel {
        requireNonNull(seasonalAhead, "seasonalAhead is null");
        requireNonNull(lastSeason, "lastSeason is null");
        seasonalAhead = seasonalAhead.clone();
        lastSeason = lastSeason.clone();
        if (period < 2 || seasonalAhead.length != period || lastSeason.length != period) {
            throw new IllegalArgumentException("expected " + period + " (at least 2) seasonal indices and last"
                    + " observations, got " + seasonalAhead.length + " and " + lastSeason.length);
        }
        for (double v : lastSeason) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the last season holds a non-finite value: " + v);
            }
        }
        if (!(naiveWeight >= 0 && naiveWeight <= 1)) {
            throw new IllegalArgumentException("naiveWeight must lie in [0, 1], was " + naiveWeight);
        }
        if (!(naiveSigma >= 0) || !Double.isFinite(naiveSigma)) {
            throw new IllegalArgumentException("naiveSigma must be finite and not negative, was " + naiveSigma);
        }
        for (double s : seasonalAhead) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("seasonal indices must be positive, got " + s);
            }
        }
        if (!Double.isFinite(level) || !Double.isFinite(slope)) {
            throw new IllegalArgumentException("level and slope must be finite");
        }
        if (!(trendShare >= 0 && trendShare <= 1)) {
            throw new IllegalArgumentException("trendShare must lie in [0, 1], was " + trendShare);
        }
        if (!(relativeSigma >= 0) || !Double.isFinite(relativeSigma)) {
            throw new IllegalArgumentException("relativeSigma must be finite and not negative, was " + relativeSigma);
        }
        if (window < 2 || observations < window) {
            throw new IllegalArgumentException("window must be at least 2 and at most observations, was " + window
                    + " of " + observations);
        }
    }

    @Override
    public double[] seasonalAhead() {
        return seasonalAhead.clone();
    }

    @Override
    public double[] lastSeason() {
        return lastSeason.clone();
    }

    /** The point forecast h steps after the last observation. */
    public double pointForecast(int h) {
        return (1 - naiveWeight) * robustForecast(h) + naiveWeight * naiveForecast(h);
    }

    /** The robust part's point forecast h steps on. */
    public double robustForecast(int h) {
        checkStep(h);
        return Math.max(0, level + h * slope) * seasonalAhead[(h - 1) % period];
    }

    /** Seasonal-naive's point forecast h steps on: the same position in the last season. */
    public double naiveForecast(int h) {
        checkStep(h);
        return lastSeason[(h - 1) % period];
    }

    /** The interval's half width divided by z·|ŷ|: the relative standard error of the h-step forecast. */
    public double relativeStandardError(int h) {
        checkStep(h);
        double mean = (window - 1) / 2.0;
        double spread = window * (window * (double) window - 1) / 12.0; // Σ (x − x̄)² for x = 0..w−1
        double x = window - 1 + h - mean;
        return relativeSigma * Math.sqrt(1 + 1.0 / window + x * x / spread);
    }

    @Override
    public Forecast forecast(int horizon, double confidence) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, was " + horizon);
        }
        double z = StandardNormal.twoSided(confidence);
        List<ForecastPoint> points = new ArrayList<>(horizon);
        for (int h = 1; h <= horizon; h++) {
            double robust = robustForecast(h);
            double robustHalfWidth = z * relativeStandardError(h) * robust;
            double naive = naiveForecast(h);
            double naiveHalfWidth = z * naiveSigma * Math.sqrt((h - 1) / period + 1);
            double mean = (1 - naiveWeight) * robust + naiveWeight * naive;
            double lower = (1 - naiveWeight) * Math.max(0, robust - robustHalfWidth)
                    + naiveWeight * (naive - naiveHalfWidth);
            double upper = (1 - naiveWeight) * (robust + robustHalfWidth) + naiveWeight * (naive + naiveHalfWidth);
            // rounding must not leave the mean a hair outside its own interval
            points.add(new ForecastPoint(h, mean, Math.min(lower, mean), Math.max(upper, mean)));
        }
        return new Forecast(confidence, points);
    }

    @Override
    public String method() {
        return ARTIFACT_KIND;
    }

    @Override
    public Map<String, Object> toArtifact() {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("kind", ARTIFACT_KIND);
        artifact.put("format", ARTIFACT_FORMAT);
        artifact.put("period", (long) period);
        artifact.put("level", level);
        artifact.put("slope", slope);
        artifact.put("trendShare", trendShare);
        artifact.put("seasonalAhead", ArtifactFields.numbers(seasonalAhead));
        artifact.put("relativeSigma", relativeSigma);
        artifact.put("window", (long) window);
        artifact.put("naiveWeight", naiveWeight);
        artifact.put("lastSeason", ArtifactFields.numbers(lastSeason));
        artifact.put("naiveSigma", naiveSigma);
        artifact.put("observations", (long) observations);
        return artifact;
    }

    public static RobustTrendSeasonModel fromArtifact(Map<String, Object> artifact) {
        ArtifactFields fields = ArtifactFields.open(artifact, ARTIFACT_KIND, ARTIFACT_FORMAT);
        return new RobustTrendSeasonModel(
                Math.toIntExact(fields.integer("period")),
                fields.number("level"),
                fields.number("slope"),
                fields.number("trendShare"),
                fields.numbers("seasonalAhead"),
                fields.number("relativeSigma"),
                Math.toIntExact(fields.integer("window")),
                fields.number("naiveWeight"),
                fields.numbers("lastSeason"),
                fields.number("naiveSigma"),
                Math.toIntExact(fields.integer("observations")));
    }

    private void checkStep(int h) {
        if (h < 1) {
            throw new IllegalArgumentException("a forecast step must be at least 1, was " + h);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RobustTrendSeasonModel that
                && period == that.period
                && Double.compare(level, that.level) == 0
                && Double.compare(slope, that.slope) == 0
                && Double.compare(trendShare, that.trendShare) == 0
                && Arrays.equals(seasonalAhead, that.seasonalAhead)
                && Double.compare(relativeSigma, that.relativeSigma) == 0
                && window == that.window
                && Double.compare(naiveWeight, that.naiveWeight) == 0
                && Arrays.equals(lastSeason, that.lastSeason)
                && Double.compare(naiveSigma, that.naiveSigma) == 0
                && observations == that.observations;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(seasonalAhead) + Double.hashCode(level) + period;
    }

    @Override
    public String toString() {
        return "RobustTrendSeasonModel[period=" + period + ", level=" + level + ", slope=" + slope + ", trendShare="
                + trendShare + ", seasonalAhead=" + Arrays.toString(seasonalAhead) + ", relativeSigma="
                + relativeSigma + ", window=" + window + ", naiveWeight=" + naiveWeight + ", lastSeason="
                + Arrays.toString(lastSeason) + ", naiveSigma=" + naiveSigma + ", observations=" + observations + "]";
    }
}
