package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.port.out.DeduplicatingOutbox;
import com.platform.analytics.port.out.ModelFeatures;
import com.platform.analytics.port.out.ModelRegistryStore;
import com.platform.analytics.port.out.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every hour, scores the payments of the last {@link #DEFAULT_LOOKBACK} with the production {@code fraud_scores}
 * model, and their users (each user's vector at their latest payment, {@link FraudFeatures}), and raises
 * {@code alert.triggered} ({@code FraudScoreHigh}) for each payment and each user at or above the model's
 * thresholds.
 *
 * <p>The window overlaps the previous run's by an hour, so payments that reached the warehouse late are still
 * scored. An alert is announced once per transaction, and once per user and day of their latest payment (UTC): a user
 * still anomalous on a later day of paying is announced again, not on every payment. Its event id is a name-based UUID
 * of {@code fraud_scores:payment:<transaction>} or {@code fraud_scores:user:<pseudonym>:<day>}, and the
 * {@link DeduplicatingOutbox} appends an id once. Re-runs, overlapping windows and two instances therefore announce
 * nothing twice, with no store of its own. Processed records: the payments scored. No production model: nothing
 * scored, and the run says so in the log (a fresh installation before the first training).
 */
public final class FraudScoringJob implements ScheduledJob {
    public static final String NAME = "fraud_scoring";
    public static final String ALERT_NAME = "FraudScoreHigh";
    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(2);
    private static final System.Logger LOG = System.getLogger(FraudScoringJob.class.getName());

    private final Job job;
    private final Duration lookback;
    private final ModelFeatures features;
    private final ModelRegistryStore registry;
    private final ObjectStore objects;
    private final DeduplicatingOutbox outbox;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    private record Loaded(ModelVersion version, FraudScoresModel model) {
    }

    /** At 10 past every hour (the hour's payments have arrived), looking back two hours. */
    public FraudScoringJob(ModelFeatures features, ModelRegistryStore registry, ObjectStore objects,
            DeduplicatingOutbox outbox) {
        this(new Job(NAME, CronSchedule.parse("10 * * * *")), DEFAULT_LOOKBACK, features, registry, objects, outbox);
    }

    public FraudScoringJob(Job job, Duration lookback, ModelFeatures features, ModelRegistryStore registry,
            ObjectStore objects, DeduplicatingOutbox outbox) {
        this.job = requireNonNull(job, "job is null");
        this.lookback = requireNonNull(lookback, "lookback is null");
        if (lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lookback must be positive, was " + lookback);
        }
        this.features = requireNonNull(features, "features is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
    }

    @Override
    public Job job() {
        return job;
    }

    /** What one run found. */
    public record Scored(long payments, long users, long paymentAlerts, long userAlerts) {
    }

    @Override
    public long run(Instant fireTime) {
        return score(fireTime).payments();
    }

    /** Scores the payments with fireTime - lookback &lt;= time &lt; fireTime. */
    public Scored score(Instant fireTime) {
        requireNonNull(fireTime, "fireTime is null");
        Optional<ModelVersion> production = registry.production(FraudModelTraining.MODEL_NAME);
        if (production.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "no production " + FraudModelTraining.MODEL_NAME + " model: nothing scored");
            return new Scored(0, 0, 0, 0);
        }
        ModelVersion version = production.get();
        FraudScoresModel model = model(version);
        Instant start = fireTime.minus(lookback);
        LocalDate from = start.minus(Duration.ofDays(FraudFeatures.USER_WINDOW_DAYS)).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate to = fireTime.atZone(ZoneOffset.UTC).toLocalDate();
        List<PaymentFeatureRow> read = features.paymentRows(from, to).stream()
                .filter(r -> r.at().isBefore(fireTime)).toList();
        List<PaymentFeatureRow> recent = read.stream().filter(r -> !r.at().isBefore(start)).toList();
        long paymentAlerts = 0;
        Set<String> payers = new HashSet<>();
        for (PaymentFeatureRow row : recent) {
            payers.add(row.userPseudonym());
            double score = model.payment().score(row.values());
            if (model.payment().anomalous(score)) {
                paymentAlerts += announce(version, "payment", row.transactionId(), row, score,
                        model.payment().threshold(), FraudFeatures.paymentJson(row), fireTime) ? 1 : 0;
            }
        }
        List<FraudFeatures.UserVector> users = FraudFeatures.users(read.stream()
                .filter(r -> payers.contains(r.userPseudonym())).toList());
        long userAlerts = 0;
        for (FraudFeatures.UserVector user : users) {
            double score = model.user().score(user.values());
            if (model.user().anomalous(score)) {
                String day = user.latest().at().atZone(ZoneOffset.UTC).toLocalDate().toString();
                userAlerts += announce(version, "user", user.userPseudonym() + ":" + day, user.latest(), score,
                        model.user().threshold(), user.valuesJson(), fireTime) ? 1 : 0;
            }
        }
        return new Scored(recent.size(), users.size(), paymentAlerts, userAlerts);
    }

    private boolean announce(ModelVersion version, String scope, String id, PaymentFeatureRow at, double score,
            double threshold, Map<String, Object> featureValues, Instant now) {
        String key = FraudModelTraining.MODEL_NAME + ":" + scope + ":" + id;
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("userPseudonym", at.userPseudonym());
        if (scope.equals("payment")) {
            dimensions.put("transactionId", at.transactionId());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("model", version.name());
        details.put("version", version.version());
        details.put("scope", scope);
        details.put("userPseudonym", at.userPseudonym());
        details.put("transactionId", at.transactionId());
        details.put("paymentTime", at.at().toString());
        details.put("score", score);
        details.put("threshold", threshold);
        details.put("features", featureValues);
        // a user's pattern (velocity, new account, shared network over a week) weighs more than one odd payment
        String severity = scope.equals("user") ? "critical" : "warning";
        String description = scope.equals("user")
                ? String.format(java.util.Locale.ROOT, "user %s scores %.3f on the fraud model (threshold %.3f)",
                        at.userPseudonym(), score, threshold)
                : String.format(java.util.Locale.ROOT, "payment %s of user %s scores %.3f on the fraud model"
                        + " (threshold %.3f)", at.transactionId(), at.userPseudonym(), score, threshold);
        return outbox.appendOnce(MonitoringAlerts.triggered(key, key, ALERT_NAME, severity, description,
                "fraud_" + scope + "_score", score, threshold, dimensions, now, details));
    }

    private FraudScoresModel model(ModelVersion version) {
        Loaded current = loaded.get();
        if (current != null && current.version().id().equals(version.id())) {
            return current.model();
        }
        byte[] artifact = objects.get(version.artifactPath()).orElseThrow(() -> new AnalyticsException(
                ErrorCode.ML_MODEL_NOT_FOUND, "the artifact of model '" + version.name() + "' version "
                        + version.version() + " is missing at " + version.artifactPath()));
        FraudScoresModel model = FraudScoresModel.fromArtifact(artifact);
        loaded.set(new Loaded(version, model));
        return model;
    }
}
