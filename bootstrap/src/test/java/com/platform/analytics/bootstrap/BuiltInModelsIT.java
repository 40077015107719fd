package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.application.ChurnModelTraining;
import com.platform.analytics.bootstrap.demo.GenerationSettings;
import com.platform.analytics.bootstrap.demo.RecordedGeneration;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.port.in.IngestEventsUseCase;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        } finally {
            out.println("| model | evaluated on | model | baseline |");
            out.println("|---|---|---|---|");
            report.forEach(out::println);
        }
    }
}
