package com.platform.analytics.domain.ml.forecast;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.evaluation.ForecastMetrics;
import java.util.Arrays;

/**
 * A robust trend-and-season forecaster, combined with seasonal-naive, for noisy, fast-growing daily sales with
 * heavy-tailed spikes (one buyer's large basket, a fraud ring's purchases, a sale week), where least-squares smoothing
 * (Holt-Winters fitted by squared one-step errors) chases the spikes and loses to seasonal-naive.
 *
 * <ol>
 *   <li><b>Season</b>: multiplicative weekday indices, each the median over the history of the ratio of the day to its
 *       centred moving average over one period (classical ratio-to-moving-average decomposition, with a median
 *       instead of a mean), normalised to average 1 and shrunk toward flat by the James–Stein rule (positive part): the
 *       weight kept is 1 − (m − 3)·v/Σ(s − 1)², v the mean sampling variance of a median index ((π/2)·σ²/count, σ
 *       from the ratios' median absolute deviation). A clean weekly pattern is kept whole; one estimated from a few
 *       noisy weeks, whose spread is mostly noise, is pulled toward flat.</li>
 *   <li><b>Trend</b>: a Theil–Sen line (median of pairwise slopes; intercept the median of the offsets) through the last
 *       {@value #WINDOW} deseasonalised days. Medians shrug off up to ~29 % of outliers, so a spike neither lifts the
 *       level nor tilts the slope, with no clipping threshold to tune.</li>
 *   <li><b>Selection on the history only</b>: the forecast carries a share λ ∈ {0, ¼, ½, ¾, 1} of the fitted slope
 *       (0 is a robust level: a game past its launch peak) and is combined with the seasonal-naive forecast with weight
 *       ω ∈ {0, ¼, ½} (forecast combination: naive keeps last week's exact weekday shape when the estimated profile is
 *       off). The pair is chosen per series by an inner rolling origin: each candidate forecasts each of the history's
 *       last {@value #INNER_ORIGINS} seasons from the days before it, and the lowest MAPE wins (ties keep the earlier,
 *       simpler pair). The evaluation's test points are never seen.</li>
 *   <li><b>Intervals</b>: for the robust part, the relative residuals of the window's raw days around the fitted line
 *       (spikes included, so the width is honest about them) give σ, and the h-step interval is the regression
 *       prediction interval of a line extrapolated h steps; for the naive part, {@link SeasonalNaive}'s. The combined
 *       bounds are the same weighted average of the two parts' bounds as the mean is of their means.</li>
 * </ol>
 * The robust part's point forecasts never go below zero (a whole day of negative net revenue is a refund wave, not a
 * trend). Deterministic: no randomness, no iterative optimiser. Chosen over additive Holt-Winters (AIC trend, one-step
 * SSE), clipped Holt-Winters, multiplicative-season damped Holt fitted on 1..7-step errors and fixed-weight
 * combinations by a backtest on generated platform and per-game series of several seeds and sizes.
 */
public final class RobustTrendSeason implements Forecaster {
    /** Days of history the trend line is fitted to: six weeks, long enough for medians to see through spikes. */
    static final int WINDOW = 42;
    static final int INNER_ORIGINS = 3;
    static final double[] TREND_SHARES = {0, 0.25, 0.5, 0.75, 1};
    static final double[] NAIVE_WEIGHTS = {0, 0.25, 0.5};
    /** The share used when the history is too short for an inner backtest. */
    static final double DEFAULT_TREND_SHARE = 0.5;
    private static final double MIN_INDEX = 0.1;

    private final int period;
    private final int window;
    private final int innerOrigins;

    public RobustTrendSeason(int period) {
        this(period, WINDOW, INNER_ORIGINS);
    }

    /** With other settings than the defaults: for tests and for measuring the defaults' choice. */
    RobustTrendSeason(int period, int window, int innerOrigins) {
        if (period < 2) {
            throw new IllegalArgumentException("a seasonal period must be at least 2, was " + period);
        }
        if (window < 2 || innerOrigins < 0) {
            throw new IllegalArgumentException("bad settings: window " + window + ", innerOrigins " + innerOrigins);
        }
        this.period = period;
        this.window = window;
        this.innerOrigins = innerOrigins;
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
        Choice choice = choose(series);
        return fitWith(series, choice.trendShare(), choice.naiveWeight());
    }

    /** What the inner rolling origin chose: the trend share and the weight of the seasonal-naive forecast. */
    public record Choice(double trendShare, double naiveWeight) {
    }

    /**
     * The (trend share, naive weight) pair with the lowest MAPE when forecasting each of the history's last
     * {@code innerOrigins} seasons from the observations before it; only the history is used.
     */
    public Choice choose(double[] series) {
        checkSeries(series);
        int origins = Math.min(innerOrigins, (series.length - 2 * period) / period);
        Choice best = new Choice(DEFAULT_TREND_SHARE, 0);
        if (origins < 1) {
            return best;
        }
        double bestMape = Double.POSITIVE_INFINITY;
        double[] actual = new double[origins * period];
        for (int o = 0; o < origins; o++) {
            int origin = series.length - (origins - o) * period;
            System.arraycopy(series, origin, actual, o * period, period);
        }
        for (double weight : NAIVE_WEIGHTS) {
            for (double share : TREND_SHARES) {
                double[] predicted = new double[actual.length];
                for (int o = 0; o < origins; o++) {
                    int origin = series.length - (origins - o) * period;
                    RobustTrendSeasonModel model = fitWith(Arrays.copyOf(series, origin), share, weight);
                    for (int h = 1; h <= period; h++) {
                        predicted[o * period + h - 1] = model.pointForecast(h);
                    }
                }
                double mape = ForecastMetrics.mape(actual, predicted);
                // strictly lower: on a tie the earlier pair (less naive, smaller share) stays
                if (mape < bestMape) {
                    bestMape = mape;
                    best = new Choice(share, weight);
                }
            }
        }
        return best;
    }

    /** Fits with a given trend share and naive weight (both 0..1): the decomposition, the line and the σs. */
    public RobustTrendSeasonModel fitWith(double[] series, double trendShare, double naiveWeight) {
        checkSeries(series);
        if (!(trendShare >= 0 && trendShare <= 1) || !(naiveWeight >= 0 && naiveWeight <= 1)) {
            throw new IllegalArgumentException("trendShare and naiveWeight must lie in [0, 1], were " + trendShare
                    + " and " + naiveWeight);
        }
        int n = series.length;
        double[] index = seasonalIndices(series);
        double[] adjusted = new double[n];
        for (int t = 0; t < n; t++) {
            adjusted[t] = series[t] / index[t % period];
        }
        int w = Math.min(window, n);
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
        // the seasonal-naive part: the last season and the RMS seasonal difference, exactly as SeasonalNaive has them
        double naiveSquares = 0;
        for (int t = period; t < n; t++) {
            double d = series[t] - series[t - period];
            naiveSquares += d * d;
        }
        return new RobustTrendSeasonModel(period, intercept + slope * (n - 1), slope * trendShare, trendShare,
                seasonalAhead, relativeSigma, w, naiveWeight, Arrays.copyOfRange(series, n - period, n),
                Math.sqrt(naiveSquares / (n - period)), n);
    }

    /** Multiplicative indices by position t mod period, average 1, shrunk toward 1 as far as their noise asks. */
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
        double samplingVariance = 0;
        for (int p = 0; p < period; p++) {
            double[] r = Arrays.copyOf(ratios[p], counts[p]);
            double m = counts[p] == 0 ? 1 : median(r);
            index[p] = Math.max(MIN_INDEX, m);
            sum += index[p];
            if (counts[p] > 0) {
                double[] deviations = new double[counts[p]];
                for (int i = 0; i < counts[p]; i++) {
                    deviations[i] = Math.abs(r[i] - m);
                }
                // the variance of a sample median: (π/2)·σ²/c, σ from the median absolute deviation
                double sigma = 1.4826 * median(deviations);
                samplingVariance += Math.PI / 2 * sigma * sigma / counts[p] / period;
            } else {
                samplingVariance += 1.0 / period;
            }
        }
        double spread = 0;
        for (int p = 0; p < period; p++) {
            index[p] = index[p] * period / sum;
            spread += (index[p] - 1) * (index[p] - 1);
        }
        // James–Stein (positive part): keep the share of the profile's spread that its sampling noise cannot explain
        double weight = spread > 0 ? Math.max(0, 1 - Math.max(1, period - 3) * samplingVariance / spread) : 0;
        for (int p = 0; p < period; p++) {
            index[p] = 1 + weight * (index[p] - 1);
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
