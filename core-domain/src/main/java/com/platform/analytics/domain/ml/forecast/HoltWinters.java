package com.platform.analytics.domain.ml.forecast;

import static java.util.Objects.requireNonNull;

/**
 * Additive Holt-Winters for one series with seasonal period {@code period} (7 for daily data with a weekly
 * pattern).
 *
 * <p><b>Recursions</b> (error-correction form, fpp2 7.3 / Hyndman et al. 2008 ETS(A,A<sub>d</sub>,A)), with
 * e<sub>t</sub> = y<sub>t</sub> − (ℓ<sub>t−1</sub> + φb<sub>t−1</sub> + s<sub>t−m</sub>):
 * ℓ<sub>t</sub> = ℓ<sub>t−1</sub> + φb<sub>t−1</sub> + αe<sub>t</sub>,
 * b<sub>t</sub> = φb<sub>t−1</sub> + αβ*e<sub>t</sub>,
 * s<sub>t</sub> = s<sub>t−m</sub> + γe<sub>t</sub>. Without trend b ≡ 0; an undamped trend has φ = 1.
 *
 * <p><b>Initial states</b> come from a classical decomposition of the first k = min(⌊n/m⌋, 4) full seasons, as in
 * Holt-Winters' original procedure and R's {@code HoltWinters}: a straight line through the season means (their
 * least-squares slope per step is b<sub>0</sub>; zero without trend), the seasonal indices are the detrended
 * deviations averaged over those seasons and centred to sum to zero, and ℓ<sub>0</sub> is the line one step before
 * the first observation. They are not optimised, which keeps the search small (3–4 dimensions) and deterministic.
 *
 * <p><b>Fitting</b> minimises the sum of squared one-step errors over (α, β*, γ, φ) with a grid followed by
 * Nelder–Mead ({@link NelderMead}); γ is searched as a share of 1 − α so the usual constraint γ ≤ 1 − α always
 * holds, and φ is kept in [0.8, 0.98] as R's {@code forecast::ets} does (below 0.8 the trend dies within days).
 */
public final class HoltWinters implements Forecaster {
    static final double PHI_LOW = 0.8;
    static final double PHI_HIGH = 0.98;
    private static final int INITIAL_SEASONS = 4;

    private final int period;
    private final TrendKind trend;

    public HoltWinters(int period, TrendKind trend) {
        if (period < 2) {
            throw new IllegalArgumentException("a seasonal period must be at least 2, was " + period);
        }
        this.period = period;
        this.trend = requireNonNull(trend, "trend is null");
    }

    public int period() {
        return period;
    }

    public TrendKind trend() {
        return trend;
    }

    @Override
    public String name() {
        return "holt-winters";
    }

    @Override
    public Forecast forecast(double[] history, int horizon, double confidence) {
        return fit(history).forecast(horizon, confidence);
    }

    /** Fits the smoothing parameters to {@code series} (oldest first; at least two full seasons). */
    public HoltWintersModel fit(double[] series) {
        checkSeries(series);
        int dimensions = switch (trend) {
            case NONE -> 2;
            case ADDITIVE -> 3;
            case DAMPED -> 4;
        };
        double[] best = NelderMead.minimise(dimensions, unit -> sumOfSquaredErrors(series, parameters(unit)));
        return fitWith(series, parameters(best));
    }

    /** Runs the recursions over {@code series} with given parameters: the model those parameters produce. */
    public HoltWintersModel fitWith(double[] series, HoltWintersParameters parameters) {
        checkSeries(series);
        requireNonNull(parameters, "parameters is null");
        Run run = run(series, parameters);
        int estimated = switch (trend) {
            case NONE -> 2;
            case ADDITIVE -> 3;
            case DAMPED -> 4;
        };
        // the residual variance with the smoothing parameters' degrees of freedom taken off, as for any least squares
        double sigma = Math.sqrt(run.sse / Math.max(1, series.length - estimated));
        double[] seasonalAhead = new double[period];
        for (int j = 0; j < period; j++) {
            seasonalAhead[j] = run.season[(series.length + j) % period];
        }
        return new HoltWintersModel(period, trend, parameters, run.level, run.slope, seasonalAhead, sigma,
                series.length);
    }

    /** The one-step-ahead forecasts ŷ<sub>t|t−1</sub> for every observation, from the initial states onwards. */
    public double[] oneStepForecasts(double[] series, HoltWintersParameters parameters) {
        checkSeries(series);
        return run(series, requireNonNull(parameters, "parameters is null")).fitted;
    }

    double sumOfSquaredErrors(double[] series, HoltWintersParameters parameters) {
        return run(series, parameters).sse;
    }

    private HoltWintersParameters parameters(double[] unit) {
        // α strictly inside (0, 1): α = 0 would never update the level and 1 would ignore the season's history
        double alpha = 0.0001 + 0.9998 * unit[0];
        double gamma = unit[1] * (1 - alpha);
        return switch (trend) {
            case NONE -> new HoltWintersParameters(alpha, 0, gamma, 1);
            case ADDITIVE -> new HoltWintersParameters(alpha, unit[2], gamma, 1);
            case DAMPED -> new HoltWintersParameters(alpha, unit[2], gamma, PHI_LOW + (PHI_HIGH - PHI_LOW) * unit[3]);
        };
    }

    private record Run(double level, double slope, double[] season, double[] fitted, double sse) {
    }

    private Run run(double[] y, HoltWintersParameters p) {
        int m = period;
        int k = Math.min(y.length / m, INITIAL_SEASONS);
        double[] seasonMean = new double[k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < m; i++) {
                seasonMean[j] += y[j * m + i] / m;
            }
        }
        // least-squares line through (centre of season j, mean of season j); centres are j*m + (m-1)/2
        double slope = 0;
        double meanOfMeans = 0;
        for (double v : seasonMean) {
            meanOfMeans += v / k;
        }
        double centreMean = (k - 1) * m / 2.0 + (m - 1) / 2.0;
        if (trend != TrendKind.NONE) {
            double num = 0;
            double den = 0;
            for (int j = 0; j < k; j++) {
                double dx = j * m + (m - 1) / 2.0 - centreMean;
                num += dx * (seasonMean[j] - meanOfMeans);
                den += dx * dx;
            }
            slope = num / den;
        }
        double[] season = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                int t = j * m + i;
                season[i] += (y[t] - (meanOfMeans + slope * (t - centreMean))) / k;
            }
        }
        double seasonShift = 0;
        for (double s : season) {
            seasonShift += s / m;
        }
        for (int i = 0; i < m; i++) {
            season[i] -= seasonShift;
        }
        double level = meanOfMeans + seasonShift + slope * (-1 - centreMean);
        double phi = trend == TrendKind.DAMPED ? p.phi() : 1;
        double betaInnovation = trend == TrendKind.NONE ? 0 : p.alpha() * p.beta();
        double[] fitted = new double[y.length];
        double sse = 0;
        for (int t = 0; t < y.length; t++) {
            int s = t % m;
            double predicted = level + phi * slope + season[s];
            fitted[t] = predicted;
            double error = y[t] - predicted;
            sse += error * error;
            level = level + phi * slope + p.alpha() * error;
            slope = phi * slope + betaInnovation * error;
            season[s] += p.gamma() * error;
        }
        return new Run(level, slope, season, fitted, sse);
    }

    private void checkSeries(double[] series) {
        requireNonNull(series, "series is null");
        if (series.length < 2 * period) {
            throw new IllegalArgumentException("Holt-Winters needs at least two full seasons (" + 2 * period
                    + " observations), got " + series.length);
        }
        for (double v : series) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the series holds a non-finite value: " + v);
            }
        }
    }
}
