package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.domain.ml.features.DailyRevenue;
import com.platform.analytics.domain.ml.features.InteractionKind;
import com.platform.analytics.domain.ml.features.UserItemInteraction;
import com.platform.analytics.domain.ml.forecast.Backtest;
import com.platform.analytics.domain.ml.forecast.BacktestScore;
import com.platform.analytics.domain.ml.forecast.Forecast;
import com.platform.analytics.domain.ml.forecast.Forecaster;
import com.platform.analytics.domain.ml.forecast.HoltWinters;
import com.platform.analytics.domain.ml.forecast.HoltWintersModel;
import com.platform.analytics.domain.ml.forecast.RobustTrendSeason;
import com.platform.analytics.domain.ml.forecast.RobustTrendSeasonModel;
import com.platform.analytics.domain.ml.forecast.SeasonalNaive;
import com.platform.analytics.domain.ml.forecast.TrendKind;
import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.port.in.ModelRegistryUseCase.ModelRegistration;
import com.platform.analytics.port.out.ModelFeatures;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains the {@code sales_forecast} model: a robust trend-and-season forecast combined with seasonal-naive
 * ({@link RobustTrendSeason}: median weekday indices, a Theil–Sen trend over six weeks, the trend share and the naive
 * weight chosen on each series' own history) of daily net revenue for the platform and for each game with enough
 * history, backtested against the seasonal-naive forecast, registered as one {@code forecast}-format version (the
 * built-in forecast's registry format; the artifact names the method) and promoted to production when it forecasts the
 * platform better than seasonal-naive (lower backtest MAPE); otherwise it stays in staging with the figures as the
 * reason.
 *
 * <p><b>Why not Holt-Winters.</b> Additive Holt-Winters fitted by one-step squared errors (trend by AIC) lost to
 * seasonal-naive on the demo platform's revenue: the series grows fast, is noisy and has spikes (large baskets, fraud
 * rings, a sale week), and squared errors chase the spikes. Its platform backtest is still computed and stored
 * ({@code holt_winters_platform_mape}, {@code holt_winters_platform_coverage}) so the comparison stays visible.
 *
 * <p><b>Data.</b> The last {@link Settings#windowDays} complete UTC days (up to yesterday). A series starts at its
 * first day with revenue (a game released mid-window has no history before) and is trained when that leaves at least
 * {@link Settings#minHistoryDays} days. The games are those bought in the window, at most {@link Settings#maxGames}
 * with the highest revenue, so training time stays bounded as the catalogue grows.
 *
 * <p><b>Backtest.</b> Rolling origin ({@link Backtest}): up to {@link Settings#backtestOrigins} origins a week apart,
 * each forecasting the next 7 days at 95 %, the last ending yesterday; pooled MAPE and interval coverage for the model
 * (refitted at each origin, its choices made again from that origin's history only) and seasonal-naive on the very
 * same points.
 */
public final class SalesForecastTraining implements ScheduledJob {
    public static final String MODEL_NAME = "sales_forecast";
    public static final String JOB_NAME = "ml_sales_forecast_training";
    /** Daily, after the night's marts: a forecast starts the day after its last training day, so it is refreshed daily. */
    public static final String DEFAULT_CRON = "30 3 * * *";
    static final int PERIOD = 7;
    static final double CONFIDENCE = 0.95;
    private static final System.Logger LOG = System.getLogger(SalesForecastTraining.class.getName());

    /** The training window and sizes; {@link #DEFAULT} in production. */
    public record Settings(int windowDays, int minHistoryDays, int maxGames, int backtestHorizon, int backtestOrigins) {
        public static final Settings DEFAULT = new Settings(120, 28, 200, 7, 4);

        public Settings {
            if (minHistoryDays < 2 * PERIOD + backtestHorizon) {
                throw new IllegalArgumentException("minHistoryDays must leave two seasons before a backtest horizon: at"
                        + " least " + (2 * PERIOD + backtestHorizon) + ", was " + minHistoryDays);
            }
            if (windowDays < minHistoryDays || maxGames < 0 || backtestHorizon < 1 || backtestOrigins < 1) {
                throw new IllegalArgumentException("bad settings: " + windowDays + " " + minHistoryDays + " " + maxGames
                        + " " + backtestHorizon + " " + backtestOrigins);
            }
        }
    }

    private final Job job;
    private final ModelFeatures features;
    private final ModelRegistryService registry;
    private final Clock clock;
    private final Settings settings;

    /** Daily at 03:30 UTC ({@value #DEFAULT_CRON}), with the default settings. */
    public SalesForecastTraining(ModelFeatures features, ModelRegistryService registry, Clock clock) {
        this(new Job(JOB_NAME, CronSchedule.parse(DEFAULT_CRON)), features, registry, clock, Settings.DEFAULT);
    }

    public SalesForecastTraining(Job job, ModelFeatures features, ModelRegistryService registry, Clock clock,
            Settings settings) {
        this.job = requireNonNull(job, "job is null");
        this.features = requireNonNull(features, "features is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public Job job() {
        return job;
    }

    /** Trains once; the number of series trained (0 when skipped). */
    @Override
    public long run(Instant fireTime) {
        TrainingOutcome outcome = train();
        LOG.log(System.Logger.Level.INFO, "sales forecast training: " + outcome.reason());
        return outcome.version().map(v -> ((Number) v.performanceMetrics().get("series")).longValue()).orElse(0L);
    }

    /** What one series' training found. */
    private record Fitted(String name, RobustTrendSeasonModel model, BacktestScore backtest, BacktestScore naive) {
    }

    public TrainingOutcome train() {
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        LocalDate from = to.minusDays(settings.windowDays() - 1L);
        Optional<double[]> platform = history(features.dailyRevenue(from, to, Optional.empty()));
        if (platform.isEmpty()) {
            return TrainingOutcome.skipped("the platform has fewer than " + settings.minHistoryDays()
                    + " days of revenue in " + from + ".." + to + ": nothing to train on");
        }
        Map<String, Fitted> fitted = new LinkedHashMap<>();
        fitted.put(SalesForecastArtifact.PLATFORM, fit(SalesForecastArtifact.PLATFORM, platform.get()));
        for (Map.Entry<String, double[]> game : games(from, to).entrySet()) {
            fitted.put(game.getKey(), fit(game.getKey(), game.getValue()));
        }
        Fitted platformFit = fitted.get(SalesForecastArtifact.PLATFORM);
        Map<String, SalesForecastArtifact.Series> series = new TreeMap<>();
        fitted.forEach((name, f) -> series.put(name, new SalesForecastArtifact.Series(to, f.model())));
        List<Fitted> games = fitted.values().stream().filter(f -> f != platformFit).toList();

        Map<String, Double> figures = new LinkedHashMap<>();
        BacktestScore holtWinters = holtWintersBacktest(platform.get());
        figures.put("platform_mape", platformFit.backtest().mape());
        figures.put("platform_coverage", platformFit.backtest().coverage());
        figures.put("naive_platform_mape", platformFit.naive().mape());
        figures.put("naive_platform_coverage", platformFit.naive().coverage());
        figures.put("games_median_mape", median(games.stream().mapToDouble(f -> f.backtest().mape()).toArray()));
        figures.put("naive_games_median_mape", median(games.stream().mapToDouble(f -> f.naive().mape()).toArray()));
        figures.put("holt_winters_platform_mape", holtWinters.mape());
        figures.put("holt_winters_platform_coverage", holtWinters.coverage());
        figures.put("games_mean_coverage", games.stream().mapToDouble(f -> f.backtest().coverage())
                .filter(Double::isFinite).average().orElse(Double.NaN));
        figures.put("naive_games_mean_coverage", games.stream().mapToDouble(f -> f.naive().coverage())
                .filter(Double::isFinite).average().orElse(Double.NaN));
        figures.put("games_beating_naive", (double) games.stream()
                .filter(f -> f.backtest().mape() < f.naive().mape()).count());
        figures.put("series", (double) fitted.size());
        figures.put("backtest_points", (double) platformFit.backtest().points());
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("period", (long) PERIOD);
        hyperparameters.put("window_days", (long) settings.windowDays());
        hyperparameters.put("min_history_days", (long) settings.minHistoryDays());
        hyperparameters.put("backtest_horizon_days", (long) settings.backtestHorizon());
        hyperparameters.put("backtest_origins", (long) platformFit.backtest().origins());
        hyperparameters.put("confidence", CONFIDENCE);
        hyperparameters.put("platform_trend_window_days", (long) platformFit.model().window());
        hyperparameters.put("platform_trend_share", platformFit.model().trendShare());
        hyperparameters.put("platform_naive_weight", platformFit.model().naiveWeight());

        ModelVersion version = registry.registerBuiltIn(BuiltInTraining.TRAINER, new ModelRegistration(MODEL_NAME,
                BuiltInTraining.newVersion(registry, MODEL_NAME, clock.instant()), ModelFormat.FORECAST,
                "Прогноз дневной чистой выручки платформы и игр (робастный тренд Тейла–Сена с мультипликативной недельной"
                        + " сезонностью в комбинации с сезонным наивным прогнозом)",
                "Daily net revenue forecast for the platform and each game (robust Theil-Sen trend with multiplicative"
                        + " weekly seasonality, combined with seasonal-naive)",
                "robust-trend-season: Theil-Sen trend, median weekday indices, + seasonal-naive", hyperparameters, BuiltInTraining.finite(figures),
                "ml_features/daily_revenue/" + from + ".." + to, clock.instant(), signature(),
                new SalesForecastArtifact(series).toBytes()));

        double mape = platformFit.backtest().mape();
        double naive = platformFit.naive().mape();
        boolean beats = Double.isFinite(mape) && Double.isFinite(naive) && mape < naive;
        String reason = String.format(Locale.ROOT, "platform backtest MAPE %.4f %s seasonal-naive %.4f (coverage %.3f"
                + " against %.3f) over %d series", mape, beats ? "beats" : "does not beat", naive,
                platformFit.backtest().coverage(), platformFit.naive().coverage(), fitted.size());
        ModelVersion placed = registry.changeStage(BuiltInTraining.TRAINER, version.id(),
                beats ? ModelStage.PRODUCTION : ModelStage.STAGING, reason);
        return new TrainingOutcome(Optional.of(placed), reason);
    }

    /**
     * The signature registered with every version. It describes the instances for clients and the catalogue;
     * {@link SalesForecastScorer} validates them (level is optional, which a signature cannot say).
     */
    static ModelSignature signature() {
        return new ModelSignature(
                List.of(new ModelInput("series", TensorType.STRING, List.of("series")),
                        new ModelInput("horizon", TensorType.INT64, List.of("horizon")),
                        new ModelInput("level", TensorType.DOUBLE, List.of("level"))),
                List.of(new ModelOutput("points", TensorType.DOUBLE, List.of("forecast", "lower", "upper"))));
    }

    /** The games bought in the window with enough history, the highest revenue first, at most maxGames. */
    private Map<String, double[]> games(LocalDate from, LocalDate to) {
        TreeSet<String> bought = new TreeSet<>();
        for (UserItemInteraction i : features.interactions(from, to)) {
            if (i.kind() == InteractionKind.PURCHASE && !i.gameId().equals(SalesForecastArtifact.PLATFORM)) {
                bought.add(i.gameId());
            }
        }
        record Game(String id, double[] series, double total) {
        }
        List<Game> games = new ArrayList<>();
        for (String id : bought) {
            history(features.dailyRevenue(from, to, Optional.of(id)))
                    .ifPresent(s -> games.add(new Game(id, s, Arrays.stream(s).sum())));
        }
        games.sort(Comparator.comparingDouble(Game::total).reversed().thenComparing(Game::id));
        Map<String, double[]> out = new LinkedHashMap<>();
        games.stream().limit(settings.maxGames()).forEach(g -> out.put(g.id(), g.series()));
        return out;
    }

    /** The series from its first day with revenue, when that leaves enough days. */
    private Optional<double[]> history(List<DailyRevenue> days) {
        List<DailyRevenue> sorted = new ArrayList<>(days);
        sorted.sort(Comparator.comparing(DailyRevenue::day));
        int first = 0;
        while (first < sorted.size() && sorted.get(first).netRevenueRub().signum() == 0) {
            first++;
        }
        if (sorted.size() - first < settings.minHistoryDays()) {
            return Optional.empty();
        }
        return Optional.of(sorted.subList(first, sorted.size()).stream()
                .mapToDouble(d -> d.netRevenueRub().doubleValue()).toArray());
    }

    private Fitted fit(String name, double[] y) {
        RobustTrendSeason forecaster = new RobustTrendSeason(PERIOD);
        Backtest backtest = backtestFor(y);
        return new Fitted(name, forecaster.fit(y), backtest.run(y, forecaster),
                backtest.run(y, new SeasonalNaive(PERIOD)));
    }

    /** Up to backtestOrigins weekly origins, the last ending with the series, each keeping two seasons of history. */
    private Backtest backtestFor(double[] y) {
        int horizon = settings.backtestHorizon();
        int origins = Math.min(settings.backtestOrigins(), (y.length - horizon - 2 * PERIOD) / horizon + 1);
        return new Backtest(y.length - horizon - (origins - 1) * horizon, horizon, horizon, CONFIDENCE);
    }

    /**
     * The former method's platform backtest on the same points, for the record: additive Holt-Winters whose trend kind
     * (none, additive, damped) has the lowest AIC on each origin's history.
     */
    private BacktestScore holtWintersBacktest(double[] y) {
        return backtestFor(y).run(y, new Forecaster() {
            @Override
            public Forecast forecast(double[] history, int horizon, double confidence) {
                return aicChosen(history).forecast(horizon, confidence);
            }

            @Override
            public String name() {
                return "holt-winters";
            }
        });
    }

    /** Additive Holt-Winters with the trend kind of lowest AIC (ties keep the simpler kind, declared first). */
    static HoltWintersModel aicChosen(double[] y) {
        HoltWintersModel bestModel = null;
        double bestAic = Double.POSITIVE_INFINITY;
        for (TrendKind trend : TrendKind.values()) {
            HoltWinters hw = new HoltWinters(PERIOD, trend);
            HoltWintersModel model = hw.fit(y);
            double aic = aic(y, hw.oneStepForecasts(y, model.parameters()), trend);
            if (bestModel == null || aic < bestAic) {
                bestModel = model;
                bestAic = aic;
            }
        }
        return bestModel;
    }

    static double aic(double[] y, double[] fitted, TrendKind trend) {
        double sse = 0;
        for (int t = 0; t < y.length; t++) {
            double e = y[t] - fitted[t];
            sse += e * e;
        }
        // α, γ and ℓ0 and the m seasonal states always; β* and b0 with a trend; φ when damped
        int k = 2 + 1 + PERIOD + switch (trend) {
            case NONE -> 0;
            case ADDITIVE -> 2;
            case DAMPED -> 3;
        };
        // a perfect fit would make ln(0); the floor keeps the comparison finite and lets k decide
        return y.length * Math.log(Math.max(sse, 1e-12) / y.length) + 2.0 * k;
    }

    static double median(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        int mid = finite.length / 2;
        return finite.length % 2 == 1 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
    }
}
