package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.domain.ml.evaluation.RankingQuality;
import com.platform.analytics.domain.ml.features.UserItemInteraction;
import com.platform.analytics.domain.ml.recommend.Interaction;
import com.platform.analytics.domain.ml.recommend.InteractionWeights;
import com.platform.analytics.domain.ml.recommend.ItemSimilarity;
import com.platform.analytics.domain.ml.recommend.PopularityBaseline;
import com.platform.analytics.domain.ml.recommend.TimeSplitEvaluation;
import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.port.in.ModelRegistryUseCase.ModelRegistration;
import com.platform.analytics.port.out.ModelFeatures;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trains the {@code game_recommendations} model: item-item similarity over purchases, library additions and play
 * ({@link GameRecommendations}: similar games, filled up with popular ones), judged on a time split against the
 * popularity baseline, refitted on all the data, registered as an {@code item_similarity} version and promoted to
 * production when its precision@10 beats popularity's; otherwise it stays in staging with the figures as the reason.
 *
 * <p><b>Time split.</b> The cut T is {@link Settings#testDays} days before today (00:00 UTC). The model under test
 * learns from the interactions of the window's days before T only, read from the warehouse as such (so play hours
 * after T do not leak into training), and is scored on the games each user first touched at or after T (up to
 * yesterday) that they did not have before ({@link TimeSplitEvaluation}, k = 10).
 *
 * <p><b>Interactions.</b> The warehouse's kinds map onto the recommender's: a purchase and a library addition are both
 * an acquisition, weighed as a purchase (a game added for free is as deliberate a choice as a bought one, and a bought
 * game is added as well: the two merge, never counting twice); play counts its hours (minutes / 60).
 */
public final class RecommendationTraining implements ScheduledJob {
    public static final String MODEL_NAME = "game_recommendations";
    public static final String JOB_NAME = "ml_recommendations_training";
    /** Weekly, Monday 04:30 UTC: tastes move slowly and a week adds enough new acquisitions to learn from. */
    public static final String DEFAULT_CRON = "30 4 * * 1";
    static final int K = 10;
    private static final System.Logger LOG = System.getLogger(RecommendationTraining.class.getName());

    /** The window and split; {@link #DEFAULT} in production. */
    public record Settings(int windowDays, int testDays, int neighboursPerGame) {
        public static final Settings DEFAULT = new Settings(180, 14, ItemSimilarity.DEFAULT_NEIGHBOURS);

        public Settings {
            if (testDays < 1 || windowDays <= testDays || neighboursPerGame < 1) {
                throw new IllegalArgumentException("bad settings: window " + windowDays + ", test " + testDays
                        + ", neighbours " + neighboursPerGame);
            }
        }
    }

    private final Job job;
    private final ModelFeatures features;
    private final ModelRegistryService registry;
    private final Clock clock;
    private final Settings settings;

    /** Weekly on Monday at 04:30 UTC ({@value #DEFAULT_CRON}), with the default settings. */
    public RecommendationTraining(ModelFeatures features, ModelRegistryService registry, Clock clock) {
        this(new Job(JOB_NAME, CronSchedule.parse(DEFAULT_CRON)), features, registry, clock, Settings.DEFAULT);
    }

    public RecommendationTraining(Job job, ModelFeatures features, ModelRegistryService registry, Clock clock,
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

    /** Trains once; the number of games the model knows (0 when skipped). */
    @Override
    public long run(Instant fireTime) {
        TrainingOutcome outcome = train();
        LOG.log(System.Logger.Level.INFO, "recommendation training: " + outcome.reason());
        return outcome.version().map(v -> ((Number) v.performanceMetrics().get("games")).longValue()).orElse(0L);
    }

    public TrainingOutcome train() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate to = today.minusDays(1);
        LocalDate from = today.minusDays(settings.windowDays());
        LocalDate cutDay = today.minusDays(settings.testDays());
        Instant cut = cutDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Interaction> beforeCut = interactions(features.interactions(from, cutDay.minusDays(1)));
        List<Interaction> afterCut = interactions(features.interactions(cutDay, to));
        if (beforeCut.isEmpty() || afterCut.isEmpty()) {
            return TrainingOutcome.skipped("no interactions " + (beforeCut.isEmpty() ? "before " : "at or after ")
                    + cutDay + " in " + from + ".." + to + ": nothing to train or judge on");
        }
        List<Interaction> split = new ArrayList<>(beforeCut);
        split.addAll(afterCut);
        InteractionWeights weights = InteractionWeights.DEFAULT;
        TimeSplitEvaluation evaluation = new TimeSplitEvaluation(cut, K, weights);
        RankingQuality model = evaluation.evaluate(split, train -> fit(train, weights));
        RankingQuality popularity = evaluation.evaluate(split, PopularityBaseline::fit);

        List<Interaction> all = interactions(features.interactions(from, to));
        GameRecommendations served = fit(all, weights);
        Set<String> users = new HashSet<>();
        all.forEach(i -> users.add(i.userId()));

        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("precision_at_10", model.precisionAtK());
        figures.put("recall_at_10", model.recallAtK());
        figures.put("popularity_precision_at_10", popularity.precisionAtK());
        figures.put("popularity_recall_at_10", popularity.recallAtK());
        figures.put("evaluated_users", (double) model.users());
        figures.put("games", (double) served.similarity().neighbours().size());
        figures.put("users", (double) users.size());
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("window_days", (long) settings.windowDays());
        hyperparameters.put("test_days", (long) settings.testDays());
        hyperparameters.put("neighbours_per_game", (long) settings.neighboursPerGame());
        hyperparameters.put("purchase_weight", weights.purchase());
        hyperparameters.put("max_play_weight", weights.maxPlay());
        hyperparameters.put("play_hours_at_half", weights.playHoursAtHalf());
        hyperparameters.put("k", (long) K);

        ModelVersion version = registry.registerBuiltIn(BuiltInTraining.TRAINER, new ModelRegistration(MODEL_NAME,
                BuiltInTraining.newVersion(registry, MODEL_NAME, clock.instant()), ModelFormat.ITEM_SIMILARITY,
                "Рекомендации игр по схожести (совместные покупки и игра), с популярными играми в дополнение",
                "Game recommendations by item-item similarity (co-purchase and co-play), filled up with popular games",
                "item-item cosine similarity + popularity fill", hyperparameters, BuiltInTraining.finite(figures),
                "ml_features/interactions/" + from + ".." + to, clock.instant(), signature(), served.toBytes()));

        boolean beats = model.users() > 0 && model.precisionAtK() > popularity.precisionAtK();
        String reason = model.users() == 0
                ? "no user both had games before " + cutDay + " and acquired a new one after: nothing to judge by"
                : String.format(Locale.ROOT, "precision@10 %.4f %s popularity's %.4f (recall@10 %.4f against %.4f)"
                        + " over %d users", model.precisionAtK(), beats ? "beats" : "does not beat",
                        popularity.precisionAtK(), model.recallAtK(), popularity.recallAtK(), model.users());
        ModelVersion placed = registry.changeStage(BuiltInTraining.TRAINER, version.id(),
                beats ? ModelStage.PRODUCTION : ModelStage.STAGING, reason);
        return new TrainingOutcome(Optional.of(placed), reason);
    }

    /**
     * The signature registered with every version: it describes the instances ({@code games}, a list, which a
     * signature's flat features cannot say; {@code n} optional) while {@link GameRecommendationScorer} validates them.
     */
    static ModelSignature signature() {
        return new ModelSignature(
                List.of(new ModelInput("games", TensorType.STRING, List.of("games")),
                        new ModelInput("n", TensorType.INT64, List.of("n"))),
                List.of(new ModelOutput("recommendations", TensorType.STRING, List.of())));
    }

    private GameRecommendations fit(List<Interaction> train, InteractionWeights weights) {
        return new GameRecommendations(ItemSimilarity.fit(train, weights, settings.neighboursPerGame()),
                PopularityBaseline.fit(train).recommend(Map.of(), GameRecommendations.POPULAR_KEPT));
    }

    /** The warehouse's interactions as the recommender's (see the class comment for the mapping). */
    static List<Interaction> interactions(List<UserItemInteraction> rows) {
        List<Interaction> out = new ArrayList<>(rows.size());
        for (UserItemInteraction row : rows) {
            switch (row.kind()) {
                case PURCHASE, LIBRARY_ADD -> out.add(Interaction.purchase(row.userPseudonym(), row.gameId(),
                        row.firstAt()));
                case PLAY -> out.add(Interaction.play(row.userPseudonym(), row.gameId(),
                        Double.isFinite(row.weight()) ? Math.max(0, row.weight()) / 60.0 : 0, row.firstAt()));
            }
        }
        return out;
    }
}
