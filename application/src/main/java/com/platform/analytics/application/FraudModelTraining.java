package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.domain.ml.anomaly.IsolationForest;
import com.platform.analytics.domain.ml.anomaly.IsolationForestModel;
import com.platform.analytics.domain.ml.anomaly.IsolationForestSettings;
import com.platform.analytics.domain.ml.anomaly.RobustZScore;
import com.platform.analytics.domain.ml.evaluation.ClassifierMetrics;
import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import com.platform.analytics.port.in.ModelRegistryUseCase.ModelRegistration;
import com.platform.analytics.port.out.ModelFeatures;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trains the {@code fraud_scores} model: over the completed payments of the {@value #WINDOW_DAYS} days before the
 * training date, an isolation forest per payment and one per user ({@link FraudFeatures}), beside a robust z-score
 * baseline (the largest |z| over the features, each z from the median and MAD of the window), and registers it
 * through {@link ModelRegistryService#registerBuiltIn} as {@link ModelFormat#ISOLATION_FOREST}.
 *
 * <p><b>Threshold.</b> A score is anomalous from {@value #THRESHOLD}, fixed. Isolation-forest scores are already
 * normalised by the expected path length (0.5: as hard to isolate as an average point; 0.65: isolated in about 0.62
 * of the average number of cuts), so one number reads the same in every window. A percentile of the training
 * scores was tried and rejected: a window that holds a ring bigger than the percentile's tail (a ring of 1% of the
 * payments against the 99.5th percentile) puts the threshold inside the ring and lets half of it through, while in
 * a clean window it flags its share of ordinary payments whatever their scores. The training records the score
 * quantiles and how many rows the threshold flags, to judge it by.
 *
 * <p><b>Promotion.</b> The detector is unsupervised, so in production no label says whether a new version is better:
 * it is promoted when it is the first, or when the production version has no AUC to compare (it was trained
 * without ground truth, like the new one usually is: the fresher window wins). When both were trained with ground
 * truth (tests, the demo's planted ring) the new one goes to production only if its user AUC does not fall below
 * the production one's; otherwise it stays in development, registered with its figures for a person to judge.
 */
public final class FraudModelTraining {
    public static final String MODEL_NAME = "fraud_scores";
    public static final int WINDOW_DAYS = 30;
    public static final double THRESHOLD = 0.65;
    /** The input the model is served with (a payment's features) and its output. */
    public static final String INPUT = "payment";
    public static final String OUTPUT = "score";

    private final ModelFeatures features;
    private final ModelRegistryService registry;
    private final Clock clock;
    private final IsolationForestSettings settings;

    public FraudModelTraining(ModelFeatures features, ModelRegistryService registry, Clock clock,
            IsolationForestSettings settings) {
        this.features = requireNonNull(features, "features is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * What a training made.
     *
     * @param heldBack why it was not promoted; empty when it was
     * @param paymentScores the training payments' scores, by transaction id
     * @param userScores the training users' scores, by pseudonym
     */
    public record Outcome(ModelVersion version, Optional<String> heldBack, FraudScoresModel model, Map<String, Object> metrics,
            Map<String, Double> paymentScores, Map<String, Double> userScores) {
        public Outcome {
            requireNonNull(version, "version is null");
            requireNonNull(heldBack, "heldBack is null");
            requireNonNull(model, "model is null");
            metrics = Map.copyOf(metrics);
            paymentScores = Map.copyOf(paymentScores);
            userScores = Map.copyOf(userScores);
        }

        public boolean promoted() {
            return heldBack.isEmpty();
        }
    }

    /** Trains without ground truth (production). */
    public Outcome train(LocalDate asOf) {
        return train(asOf, Optional.empty());
    }

    /**
     * Trains on the payments of {@code asOf - 30 days .. asOf - 1 day}.
     *
     * @param fraudulentUsers when known (tests, the demo's planted ring): the users whose payments are fraud, to
     *     measure the AUC of the forests and of the robust z-score baseline
     * @throws AnalyticsException {@code INVALID_QUERY_PARAMETERS} when the window holds too few payments to learn
     *     from
     */
    public Outcome train(LocalDate asOf, Optional<Set<String>> fraudulentUsers) {
        requireNonNull(asOf, "asOf is null");
        requireNonNull(fraudulentUsers, "fraudulentUsers is null");
        LocalDate from = asOf.minusDays(WINDOW_DAYS);
        LocalDate to = asOf.minusDays(1);
        // a week more before the window: the user vectors of the window's first days see their whole week
        List<PaymentFeatureRow> read = features.paymentRows(from.minusDays(FraudFeatures.USER_WINDOW_DAYS), to);
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<PaymentFeatureRow> payments = read.stream().filter(r -> !r.at().isBefore(start)).toList();
        if (payments.size() < 2) {
            throw new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, "the fraud model needs payments to learn"
                    + " from; " + from + ".." + to + " has " + payments.size());
        }
        Set<String> windowUsers = new java.util.HashSet<>();
        payments.forEach(p -> windowUsers.add(p.userPseudonym()));
        List<FraudFeatures.UserVector> users = FraudFeatures.users(read.stream()
                .filter(r -> windowUsers.contains(r.userPseudonym())).toList());

        double[][] paymentRows = payments.stream().map(PaymentFeatureRow::values).toArray(double[][]::new);
        double[][] userRows = users.stream().map(FraudFeatures.UserVector::values).toArray(double[][]::new);
        IsolationForestModel paymentForest = IsolationForest.fit(paymentRows, settings);
        IsolationForestModel userForest = IsolationForest.fit(userRows,
                new IsolationForestSettings(settings.trees(), settings.subsampleSize(), settings.seed() + 1));
        double[] paymentScores = paymentForest.scores(paymentRows);
        double[] userScores = userForest.scores(userRows);
        FraudScoresModel model = new FraudScoresModel(
                new FraudScoresModel.Part(PaymentFeatureRow.FEATURES, paymentForest, THRESHOLD),
                new FraudScoresModel.Part(FraudFeatures.USER_FEATURES, userForest, THRESHOLD));

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("payments", (long) paymentRows.length);
        metrics.put("users", (long) userRows.length);
        metrics.put("payment_score_quantiles", quantiles(paymentScores));
        metrics.put("payment_threshold", model.payment().threshold());
        metrics.put("user_score_quantiles", quantiles(userScores));
        metrics.put("user_threshold", model.user().threshold());
        metrics.put("threshold_rule", "fixed " + THRESHOLD + " (scores are normalised by the expected path length)");
        metrics.put("flagged_payments", count(paymentScores, model.payment().threshold()));
        metrics.put("flagged_users", count(userScores, model.user().threshold()));
        fraudulentUsers.ifPresent(fraud -> {
            boolean[] paymentTruth = new boolean[payments.size()];
            for (int i = 0; i < paymentTruth.length; i++) {
                paymentTruth[i] = fraud.contains(payments.get(i).userPseudonym());
            }
            boolean[] userTruth = new boolean[users.size()];
            for (int i = 0; i < userTruth.length; i++) {
                userTruth[i] = fraud.contains(users.get(i).userPseudonym());
            }
            evaluate("payment", paymentTruth, paymentRows, paymentScores, model.payment().threshold(), metrics);
            evaluate("user", userTruth, userRows, userScores, model.user().threshold(), metrics);
        });
        metrics.put(DriftBaselines.KEY, DriftBaselines.of(PaymentFeatureRow.FEATURES, Arrays.asList(paymentRows),
                paymentScores));

        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("trees", (long) settings.trees());
        hyperparameters.put("subsample_size", (long) settings.subsampleSize());
        hyperparameters.put("seed", settings.seed());
        hyperparameters.put("window_days", (long) WINDOW_DAYS);
        hyperparameters.put("user_window_days", (long) FraudFeatures.USER_WINDOW_DAYS);

        Instant now = clock.instant();
        ModelVersion version = registry.registerBuiltIn(BuiltInTraining.TRAINER, new ModelRegistration(MODEL_NAME,
                BuiltInTraining.newVersion(registry, MODEL_NAME, now),
                ModelFormat.ISOLATION_FOREST, "Оценка мошенничества платежей и пользователей (isolation forest)",
                "Fraud score of payments and users (isolation forest)", "isolation_forest", hyperparameters, metrics,
                "payment_features:" + from + ".." + to, now, signature(), model.toArtifact()));
        Optional<ModelVersion> production = registry.models(Optional.of(MODEL_NAME), Optional.of(ModelStage.PRODUCTION))
                .stream().findFirst();
        Optional<String> refusal = production.flatMap(p -> regression(p, metrics));
        if (refusal.isEmpty()) {
            version = registry.changeStage(BuiltInTraining.TRAINER, version.id(), ModelStage.PRODUCTION, production.isEmpty()
                    ? "the first fraud model" : "retrained on " + from + ".." + to);
        }
        Map<String, Double> paymentById = new LinkedHashMap<>();
        for (int i = 0; i < payments.size(); i++) {
            paymentById.put(payments.get(i).transactionId(), paymentScores[i]);
        }
        Map<String, Double> userById = new LinkedHashMap<>();
        for (int i = 0; i < users.size(); i++) {
            userById.put(users.get(i).userPseudonym(), userScores[i]);
        }
        return new Outcome(version, refusal, model, metrics, paymentById, userById);
    }

    /** The signature it is served with: a payment's features in, its score out. */
    public static ModelSignature signature() {
        return new ModelSignature(List.of(new ModelInput(INPUT, TensorType.DOUBLE, PaymentFeatureRow.FEATURES)),
                List.of(new ModelOutput(OUTPUT, TensorType.DOUBLE, List.of())));
    }

    /** Why the new version must not replace production, if it must not (see the class comment). */
    private static Optional<String> regression(ModelVersion production, Map<String, Object> metrics) {
        if (production.performanceMetrics().get("auc_user") instanceof Number old
                && metrics.get("auc_user") instanceof Number now && now.doubleValue() < old.doubleValue()) {
            return Optional.of("user AUC " + now + " below production's " + old);
        }
        return Optional.empty();
    }

    private static void evaluate(String what, boolean[] truth, double[][] rows, double[] scores, double threshold,
            Map<String, Object> metrics) {
        int positives = 0;
        for (boolean t : truth) {
            positives += t ? 1 : 0;
        }
        if (positives == 0 || positives == truth.length) {
            // the AUC is undefined with one class; say so rather than leave it out silently
            metrics.put("auc_" + what + "_undefined", "ground truth has " + positives + " of " + truth.length
                    + " positive");
            return;
        }
        metrics.put("auc_" + what, ClassifierMetrics.rocAuc(truth, scores));
        metrics.put("auc_" + what + "_robust_z", ClassifierMetrics.rocAuc(truth, robustZ(rows)));
        long truePositives = 0;
        long flagged = 0;
        for (int i = 0; i < truth.length; i++) {
            if (scores[i] >= threshold) {
                flagged++;
                truePositives += truth[i] ? 1 : 0;
            }
        }
        metrics.put("recall_" + what + "_at_threshold", (double) truePositives / positives);
        metrics.put("precision_" + what + "_at_threshold", flagged == 0 ? 0.0 : (double) truePositives / flagged);
    }

    /**
     * The baseline's score of each row: the largest |robust z| over its features. A feature whose values are mostly
     * equal has no spread, and every other value is infinitely far; such a z is capped so that rows still rank by
     * the other features instead of all tying at infinity.
     */
    static double[] robustZ(double[][] rows) {
        int width = rows[0].length;
        RobustZScore[] z = new RobustZScore[width];
        for (int f = 0; f < width; f++) {
            double[] column = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                column[r] = rows[r][f];
            }
            z[f] = RobustZScore.fit(column);
        }
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            double max = 0;
            for (int f = 0; f < width; f++) {
                max = Math.max(max, Math.min(1e6, Math.abs(z[f].score(rows[r][f]))));
            }
            out[r] = max;
        }
        return out;
    }

    private static Map<String, Object> quantiles(double[] scores) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("p50", quantile(scores, 0.5));
        q.put("p90", quantile(scores, 0.9));
        q.put("p99", quantile(scores, 0.99));
        q.put("p995", quantile(scores, 0.995));
        q.put("max", quantile(scores, 1.0));
        return q;
    }

    /** The smallest score with at least a share p of the scores at or below it (an order statistic). */
    static double quantile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static long count(double[] scores, double threshold) {
        return Arrays.stream(scores).filter(s -> s >= threshold).count();
    }
}
