package com.platform.analytics.domain.ml.forecast;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.evaluation.ForecastMetrics;
import java.util.Arrays;

/**
 * A robust trend-and-season forecaster for noisy, fast-growing daily sales with heavy-tailed spikes (one buyer's
 * large basket, a fraud ring's purchases, a sale week), where least-squares smoothing (Holt-Winters fitted by squared
 * errors) chases the spikes and loses to seasonal-naive.
 *
 * <ol>
 *   <li><b>Season</b>: multiplicative weekday indices, each the median over the history of the ratio of the day to its
 *       centred 7-day moving average (classical ratio-to-moving-average decomposition with a median instead of a mean),
 *       normalised to average 1 and shrunk toward 1 by w/(w + {@value #SEASON_SHRINK}) for w weeks of history, so a
 *       short history does not take its noise for a weekly pattern.</li>
 *   <li><b>Trend</b>: a Theil–Sen line (median of pairwise slopes, intercept the median of the residual offsets)
 *       through the last {@value #WINDOW} deseasonalised days. Medians ignore up to ~29 % of outliers, so a spike
 *       neither lifts the level nor tilts the slope; no clipping rule is needed.</li>
 *   <li><b>Trend share</b>: the forecast carries a share λ ∈ {0, ¼, ½, ¾, 1} of the fitted slope (λ = 0 is a robust
 *       level). λ is chosen per series by an inner rolling origin on the history only: each candidate forecasts the
 *       last {@value #INNER_ORIGINS} weeks of the history from the days before them, and the lowest MAPE wins (the
 *       smaller share on a tie). A growing platform keeps most of its slope; a game past its launch peak keeps none.
 *       </li>
 *   <li><b>Intervals</b>: the relative residuals of the history around the fitted line (spikes included, so the
 *       width is honest about them) give σ; the h-step interval is the regression prediction interval of a line
 *       extrapolated h steps, σ·ŷ·√(1 + 1/w + (x<sub>h</sub> − x̄)²/Σ(x − x̄)²), times the normal quantile.</li>
 * </ol>
 * Point forecasts never go below zero (net revenue that is negative for a whole day is a refund wave, not a trend).
 * Deterministic: no randomness, no iterative optimiser.
 */
public final class RobustTrendSeason implements Forecaster {
    /** Days of history the trend line is fitted to: four weeks, as long as a growth spurt plausibly lasts. */
    static final int WINDOW = 28;
    static final double SEASON_SHRINK = 2;
    static final int INNER_ORIGINS = 3;
    static final double[] TREND_SHARES = {0, 0.25, 0.5, 0.75, 1};
    /** The share used when the history is too short for an inner backtest. */
    static final double DEFAULT_TREND_SHARE = 0.5;
    private static final double MIN_INDEX = 0.1;

    private final int period;

    public RobustTrendSeason(int period) {
        if (period < 2) {
            throw new IllegalArgumentException("a seasonal period must be at least 2, was " + period);
        }
        this.period = period;
    }

    public int period() {
        return period;
    }

    @Override
    public String name() {
        return "robust-trend-season";
    }

    @Override
    public Forecast forecast(double[] history, int horizon, double confidence) {
        return fit(history).forecast(horizon, confidence);
    }

    /** Fits the model to {@code series} (oldest first; at least two full seasons), choosing the trend share. */
    public RobustTrendSeasonModel fit(double[] series) {
        checkSeries(series);
        return fitWith(series, chooseTrendShare(series));
    }

    /**
     * The trend share with the lowest MAPE when forecasting each of the history's last {@value #INNER_ORIGINS}
     * seasons from the observations before it; only the history is used.
     */
    public double chooseTrendShare(double[] series) {
        checkSeries(series);
        int origins = Math.min(INNER_ORIGINS, (series.length - 2 * period) / period);
        if (origins < 1) {
            return DEFAULT_TREND_SHARE;
        }
        double best = DEFAULT_TREND_SHARE;
        double bestMape = Double.POSITIVE_INFINITY;
        for (double share : TREND_SHARES) {
            double[] actual = new double[origins * period];
            double[] predicted = new double[actual.length];
            for (int o = 0; o < origins; o++) {
                int origin = series.length - (origins - o) * period;
                RobustTrendSeasonModel model = fitWith(Arrays.copyOf(series, origin), share);
                for (int h = 1; h <= period; h++) {
                    actual[o * period + h - 1] = series[origin + h - 1];
                    predicted[o * period + h - 1] = model.pointForecast(h);
                }
            }
            double mape = ForecastMetrics.mape(actual, predicted);
            // strictly lower: on a tie the smaller share (listed first) stays, the less extrapolating forecast
            if (mape < bestMape) {
                bestMape = mape;
                best = share;
            }
        }
        return best;
    }

    /** Fits with a given trend share (0..1): the decomposition, the line and σ. */
    public RobustTrendSeasonModel fitWith(double[] series, double trendShare) {
        checkSeries(series);
        if (!(trendShare >= 0 && trendShare <= 1)) {
            throw new IllegalArgumentException("trendShare must lie in [0, 1], was " + trendShare);
        }
        int n = series.length;
        double[] index = seasonalIndices(series);
        double[] adjusted = new double[n];
        for (int t = 0; t < n; t++) {
            adjusted[t] = series[t] / index[t % period];
        }
        int w = Math.min(WINDOW, n);
        int start = n - w;
        double[] slopes = new double[w * (w - 1) / 2];
        int k = 0;
        for (int i = start; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes[k++] = (adjusted[j] - adjusted[i]) / (j - i);
            }
        }
        double slope = median(slopes);
        double[] offsets = new double[w];
        for (int i = 0; i < w; i++) {
            offsets[i] = adjusted[start + i] - slope * (start + i);
        }
        double intercept = median(offsets);
        // σ: relative residuals of the raw days around the fitted line, spikes included
        double sumOfSquares = 0;
        int counted = 0;
        for (int t = start; t < n; t++) {
            double fitted = (intercept + slope * t) * index[t % period];
            if (fitted > 0) {
                double relative = (series[t] - fitted) / fitted;
                sumOfSquares += relative * relative;
                counted++;
            }
        }
        // two parameters (intercept, slope) are estimated from the window
        double relativeSigma = counted > 2 ? Math.sqrt(sumOfSquares / (counted - 2)) : 1;
        double[] seasonalAhead = new double[period];
        for (int j = 0; j < period; j++) {
            seasonalAhead[j] = index[(n + j) % period];
        }
        return new RobustTrendSeasonModel(period, intercept + slope * (n - 1), slope * trendShare, trendShare,
                seasonalAhead, relativeSigma, w, n);
    }

    /** Multiplicative indices by position t mod period, average 1, shrunk toward 1 for short histories. */
    double[] seasonalIndices(double[] y) {
        int n = y.length;
        int half = period / 2;
        double[][] ratios = new double[period][n / period + 1];
        int[] counts = new int[period];
        for (int t = half; t < n - half; t++) {
            double average = centredAverage(y, t, half);
            if (average > 0) {
                int p = t % period;
                ratios[p][counts[p]++] = y[t] / average;
            }
        }
        double[] index = new double[period];
        double sum = 0;
        for (int p = 0; p < period; p++) {
            double m = counts[p] == 0 ? 1 : median(Arrays.copyOf(ratios[p], counts[p]));
            index[p] = Math.max(MIN_INDEX, m);
            sum += index[p];
        }
        double weeks = (double) n / period;
        double weight = weeks / (weeks + SEASON_SHRINK);
        for (int p = 0; p < period; p++) {
            index[p] = 1 + weight * (index[p] * period / sum - 1);
        }
        return index;
    }

    /** The centred moving average at t over one period (a 2×m average for an even period, as usual). */
    private double centredAverage(double[] y, int t, int half) {
        double sum = 0;
        if (period % 2 == 1) {
            for (int j = -half; j <= half; j++) {
                sum += y[t + j];
            }
            return sum / period;
        }
        for (int j = -half + 1; j < half; j++) {
            sum += y[t + j];
        }
        return (sum + (y[t - half] + y[t + half]) / 2) / period;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private void checkSeries(double[] series) {
        requireNonNull(series, "series is null");
        if (series.length < 2 * period) {
            throw new IllegalArgumentException("the robust trend-season forecaster needs at least two full seasons ("
                    + 2 * period + " observations), got " + series.length);
        }
        for (double v : series) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the series holds a non-finite value: " + v);
            }
        }
    }
}
