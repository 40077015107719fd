package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.application.ChurnModelTraining;
import com.platform.analytics.application.ChurnScoringService;
import com.platform.analytics.application.FraudModelTraining;
import com.platform.analytics.application.ModelRegistryService;
import com.platform.analytics.application.RecommendationTraining;
import com.platform.analytics.application.SalesForecastTraining;
import com.platform.analytics.application.TrainingOutcome;
import com.platform.analytics.application.UserPredictionsService;
import com.platform.analytics.bootstrap.demo.GenerationSettings;
import com.platform.analytics.bootstrap.demo.RecordedGeneration;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.in.UserPredictionsUseCase;
import com.platform.analytics.port.out.ModelFeatures;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in models on the demo generator's data (which plants churners, weekly sales, taste clusters and a fraud
 * ring), through the real warehouse features, trainers and registry of the running service: each model must beat its
 * baseline on held-out data. The figures are printed as the table of {@code docs/models.md}.
 */
class BuiltInModelsIT {
    private static final int USERS = 20_000;
    private static final int DAYS = 60;

    @TempDir
    Path dataDir;

    private static double number(Map<String, Object> metrics, String key) {
        Object value = metrics.get(key);
        assertThat(value).as(key + " in " + metrics.keySet()).isInstanceOf(Number.class);
        return ((Number) value).doubleValue();
    }

    @Test
    void eachBuiltInModelBeatsItsBaselineOnTheDemoData() {
        GenerationSettings settings = new GenerationSettings(USERS, DAYS, GenerationSettings.DEFAULT_FIRST_DAY,
                GenerationSettings.DEFAULT_SEED);
        Map<String, String> env = System.getenv();
        AnalyticsConfig config = ConfigLoader.load(null, env, Map.of("data_dir", dataDir.toString(), "server.port", "0"));
        PrintStream out = System.out;
        List<String> report = new ArrayList<>();
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config, env)) {
            RecordedGeneration truth = new RecordedGeneration();
            GeneratedIngestion.ingest(sink -> truth.generate(settings, sink), runtime.get(IngestEventsUseCase.class), out);
            LocalDate today = settings.lastDay().plusDays(1);

            ChurnModelTraining.TrainingOutcome churn = runtime.get(ChurnModelTraining.class).train(today);
            report.add(String.format(Locale.ROOT, "| churn (logistic regression, Tribuo → ONNX) | holdout %s: %,d users, %.1f%% churned"
                    + " | AUC %.3f, log-loss %.3f, Brier %.3f | recency-only AUC %.3f; base-rate log-loss %.3f |",
                    churn.holdoutAsOf(), churn.holdoutRows(), 100 * churn.holdoutPositiveRate(), churn.auc(), churn.logLoss(),
                    churn.brier(), churn.baselineRecencyAuc(), churn.baselineLogLoss()));
            assertThat(churn.auc()).as("churn AUC against recency alone").isGreaterThan(churn.baselineRecencyAuc());
            assertThat(churn.logLoss()).as("churn log-loss against the base rate").isLessThan(churn.baselineLogLoss());
            assertThat(churn.servedMaxDifference()).as("ONNX Runtime in the service against Tribuo").isLessThan(1e-4);
            assertThat(churn.stage()).isEqualTo(ModelStage.PRODUCTION);

            // the trainings read "today" from their clock: the day after the demo's last
            Clock atToday = Clock.fixed(today.atTime(5, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            ModelFeatures features = runtime.get(ModelFeatures.class);
            ModelRegistryService registry = runtime.get(ModelRegistryService.class);

            TrainingOutcome forecast = new SalesForecastTraining(features, registry, atToday).train();
            ModelVersion forecastVersion = forecast.version().orElseThrow(() -> new AssertionError(forecast.reason()));
            Map<String, Object> f = forecastVersion.performanceMetrics();
            report.add(String.format(Locale.ROOT, "| sales forecast (robust trend and weekday season, mixed with seasonal-naive;"
                    + " per game and platform) | rolling origin, 4 weekly origins × 7 days, %.0f series | platform MAPE %.1f%%,"
                    + " 95%% interval coverage %.1f%%; %.0f of %.0f games better than naive | seasonal-naive: platform MAPE %.1f%%,"
                    + " coverage %.1f%%; Holt-Winters: platform MAPE %.1f%%, coverage %.1f%% |",
                    number(f, "series"), 100 * number(f, "platform_mape"), 100 * number(f, "platform_coverage"),
                    number(f, "games_beating_naive"), number(f, "series") - 1, 100 * number(f, "naive_platform_mape"),
                    100 * number(f, "naive_platform_coverage"), 100 * number(f, "holt_winters_platform_mape"),
                    100 * number(f, "holt_winters_platform_coverage")));
            assertThat(number(f, "platform_mape")).as(forecast.reason()).isLessThan(number(f, "naive_platform_mape"));
            assertThat(forecastVersion.stage()).isEqualTo(ModelStage.PRODUCTION);

            TrainingOutcome recommendations = new RecommendationTraining(features, registry, atToday).train();
            ModelVersion recoVersion = recommendations.version().orElseThrow(() -> new AssertionError(recommendations.reason()));
            Map<String, Object> r = recoVersion.performanceMetrics();
            report.add(String.format(Locale.ROOT, "| recommendations (item-item cosine, owned games excluded) | last 14 days held out, "
                    + "%.0f users | precision@10 %.3f, recall@10 %.3f | popularity: precision@10 %.3f, recall@10 %.3f |",
                    number(r, "evaluated_users"), number(r, "precision_at_10"), number(r, "recall_at_10"),
                    number(r, "popularity_precision_at_10"), number(r, "popularity_recall_at_10")));
            assertThat(number(r, "precision_at_10")).as(recommendations.reason())
                    .isGreaterThan(number(r, "popularity_precision_at_10"));
            assertThat(recoVersion.stage()).isEqualTo(ModelStage.PRODUCTION);

            // by real user id, as an internal service asks: the service finds the features and the library itself
            UserPredictionsUseCase byUser = new UserPredictionsService(runtime.get(ChurnScoringService.class), features,
                    runtime.get(PredictionUseCase.class), runtime.get(Pseudonymizer.class), atToday);
            Principal service = new Principal("it-service", Set.of(Role.SERVICE), Set.of(), Optional.empty());
            List<String> someUsers = truth.tasteGenres().keySet().stream().sorted().limit(200).toList();
            UserPredictionsUseCase.ChurnRisk risk = byUser.churnRisk(service, someUsers);
            assertThat(risk.version()).isEqualTo(churn.version());
            assertThat(risk.probabilities()).isNotEmpty().allSatisfy((user, p) -> assertThat(p).isBetween(0.0, 1.0));
            assertThat(risk.probabilities().size() + risk.unscored().size()).isEqualTo(someUsers.size());
            Pseudonymizer pseudonymizer = runtime.get(Pseudonymizer.class);
            String buyer = someUsers.stream().filter(u -> !features.ownedGames(pseudonymizer.pseudonym(u)).isEmpty())
                    .findFirst().orElseThrow();
            List<String> owned = features.ownedGames(pseudonymizer.pseudonym(buyer));
            UserPredictionsUseCase.UserRecommendations forBuyer = byUser.recommendations(service, buyer, 10);
            assertThat(forBuyer.ownedGames()).isEqualTo(owned.size());
            assertThat(forBuyer.recommendations()).hasSize(10).extracting(g -> (String) g.get("gameId"))
                    .doesNotContainAnyElementsOf(owned).doesNotHaveDuplicates();

            Set<String> ring = truth.ringMembers().stream().map(pseudonymizer::pseudonym).collect(Collectors.toSet());
            FraudModelTraining.Outcome fraud = runtime.get(FraudModelTraining.class).train(today, Optional.of(ring));
            Map<String, Object> m = fraud.metrics();
            report.add(String.format(Locale.ROOT, "| fraud scores (isolation forests over payments and users) | the last 30 days' "
                    + "payments, %s users, %d planted ring members | user AUC %.3f, payment AUC %.3f; at the threshold: "
                    + "user recall %.2f, precision %.2f | robust z-score: user AUC %.3f, payment AUC %.3f |",
                    m.get("users"), truth.ringMembers().size(), number(m, "auc_user"), number(m, "auc_payment"),
                    number(m, "recall_user_at_threshold"), number(m, "precision_user_at_threshold"),
                    number(m, "auc_user_robust_z"), number(m, "auc_payment_robust_z")));
            assertThat(number(m, "auc_user")).isGreaterThan(number(m, "auc_user_robust_z")).isGreaterThan(0.9);
            assertThat(number(m, "recall_user_at_threshold")).isGreaterThan(0.5);
        } finally {
            out.println("| model | evaluated on | model | baseline |");
            out.println("|---|---|---|---|");
            report.forEach(out::println);
        }
    }
}
