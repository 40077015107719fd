package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.anomaly.IsolationForestSettings;
import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import com.platform.analytics.domain.publish.OutgoingEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FraudModelTest {
    static final LocalDate AS_OF = LocalDate.parse("2026-03-31");
    static final Instant WINDOW_START = Instant.parse("2026-02-22T00:00:00Z");
    static final Instant WINDOW_END = Instant.parse("2026-03-31T00:00:00Z");

    private final OutboxRelayTest.MutableClock clock = new OutboxRelayTest.MutableClock(Instant.parse("2026-03-31T03:00:00Z"));
    private final InMemoryModelRegistry store = new InMemoryModelRegistry();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final ModelRegistryService registry = new ModelRegistryService(store, new SummingModelRuntime(clock), objects,
            clock);
    private final InMemoryDeduplicatingOutbox outbox = new InMemoryDeduplicatingOutbox();

    /** 600 ordinary users over the window and a ring of 6 new accounts on one network on 28 March. */
    static FraudPayments trainingData() {
        return new FraudPayments(42).ordinary(600, WINDOW_START, WINDOW_END, "user-")
                .ring(6, Instant.parse("2026-03-28T20:00:00Z"), "ring-");
    }

    private FraudModelTraining training(FraudPayments data, long seed) {
        return new FraudModelTraining(data, registry, clock, IsolationForestSettings.defaults(seed));
    }

    @Test
    void theForestFindsThePlantedRingBetterThanTheRobustZScoreAndItsThresholdFlagsIt() {
        FraudPayments data = trainingData();
        FraudModelTraining.Outcome outcome = training(data, 7).train(AS_OF, Optional.of(data.ring));
        Map<String, Object> m = outcome.metrics();

        double paymentAuc = (Double) m.get("auc_payment");
        double userAuc = (Double) m.get("auc_user");
        assertThat(paymentAuc).isGreaterThan(0.95).isGreaterThanOrEqualTo((Double) m.get("auc_payment_robust_z"));
        assertThat(userAuc).isGreaterThan(0.95).isGreaterThanOrEqualTo((Double) m.get("auc_user_robust_z"));
        // every ring account scores above the threshold, and at most a handful of ordinary ones do
        double threshold = outcome.model().user().threshold();
        assertThat(data.ring).allSatisfy(u -> assertThat(outcome.userScores().get(u)).isGreaterThanOrEqualTo(threshold));
        long ordinaryFlagged = outcome.userScores().entrySet().stream()
                .filter(e -> !data.ring.contains(e.getKey()) && e.getValue() >= threshold).count();
        assertThat(ordinaryFlagged).isLessThanOrEqualTo(3);
        assertThat((Double) m.get("recall_user_at_threshold")).isEqualTo(1.0);
        assertThat(threshold).isEqualTo(FraudModelTraining.THRESHOLD);

        ModelVersion v = outcome.version();
        assertThat(v.name()).isEqualTo("fraud_scores");
        assertThat(v.format()).isEqualTo(ModelFormat.ISOLATION_FOREST);
        assertThat(v.stage()).isEqualTo(ModelStage.PRODUCTION);
        assertThat(v.signature().featureNames()).isEqualTo(PaymentFeatureRow.FEATURES);
        assertThat(v.performanceMetrics()).containsKeys("payment_score_quantiles", "user_score_quantiles",
                "payment_threshold", "user_threshold", "threshold_rule", DriftBaselines.KEY);
        // the stored artifact is the fitted model: it scores as the one in memory
        FraudScoresModel stored = FraudScoresModel.fromArtifact(objects.get(v.artifactPath()).orElseThrow());
        PaymentFeatureRow some = data.rows.get(100);
        assertThat(stored.payment().score(some.values())).isEqualTo(outcome.model().payment().score(some.values()));
        assertThat(stored.user().threshold()).isEqualTo(threshold);
        // the metrics survive JSON (they go to a JSONB column) and the drift baseline reads back
        Map<String, Object> reread = Json.parseObject(Json.write(v.performanceMetrics()));
        assertThat(DriftBaselines.in(reread)).hasValueSatisfying(b -> {
            assertThat(b.features().keySet()).containsExactlyElementsOf(PaymentFeatureRow.FEATURES);
            assertThat(b.prediction().bins()).isGreaterThan(1);
        });
    }

    @Test
    void theSameSeedGrowsTheSameForestAndAWorseChallengerStaysInDevelopment() {
        FraudPayments data = trainingData();
        FraudModelTraining.Outcome first = training(data, 7).train(AS_OF, Optional.of(data.ring));
        clock.advance(Duration.ofSeconds(1));
        FraudModelTraining.Outcome again = training(data, 7).train(AS_OF, Optional.of(data.ring));
        assertThat(again.model().toArtifact()).isEqualTo(first.model().toArtifact());
        assertThat(again.promoted()).isTrue();

        // a challenger told the wrong users are the fraud: its AUC regresses, production stays
        clock.advance(Duration.ofSeconds(1));
        Set<String> wrong = data.rows.stream().map(PaymentFeatureRow::userPseudonym).filter(u -> u.endsWith("7"))
                .collect(Collectors.toSet());
        FraudModelTraining.Outcome worse = training(data, 7).train(AS_OF, Optional.of(wrong));
        assertThat(worse.promoted()).isFalse();
        assertThat(worse.heldBack()).hasValueSatisfying(r -> assertThat(r).contains("user AUC"));
        assertThat(worse.version().stage()).isEqualTo(ModelStage.DEVELOPMENT);
        assertThat(store.production("fraud_scores")).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(again.version().id()));
    }

    @Test
    void theWeeklyJobTrainsOnTheMonthBeforeItsFireTime() {
        FraudPayments data = trainingData();
        FraudTrainingJob job = new FraudTrainingJob(training(data, 7));
        assertThat(job.job().name()).isEqualTo("fraud_training");
        long payments = job.run(Instant.parse("2026-03-31T03:00:00Z"));
        assertThat(payments).isEqualTo(data.paymentRows(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-30")).size());
        assertThat(store.production("fraud_scores")).hasValueSatisfying(v ->
                assertThat(v.trainingDatasetRef()).isEqualTo("payment_features:2026-03-01..2026-03-30"));
    }

    @Test
    void anEmptyWindowIsRefused() {
        FraudPayments none = new FraudPayments(1);
        assertThatThrownBy(() -> training(none, 7).train(AS_OF)).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS));
    }

    @Test
    void theHourlyJobAlertsOncePerTransactionAndUserAcrossRuns() {
        FraudPayments data = trainingData();
        training(data, 7).train(AS_OF);
        // the next morning: ordinary payments all along, and a new ring paying from 10:00
        // (one payment each: several within four hours would be the very velocity the model looks for)
        data.ordinary(200, Instant.parse("2026-03-31T08:00:00Z"), Instant.parse("2026-03-31T12:00:00Z"), "late-", 1);
        data.ring(4, Instant.parse("2026-03-31T10:00:00Z"), "ring2-");
        FraudScoringJob job = new FraudScoringJob(data, store, objects, outbox);

        FraudScoringJob.Scored first = job.score(Instant.parse("2026-03-31T11:10:00Z"));
        assertThat(first.payments()).isPositive();
        assertThat(first.userAlerts()).isGreaterThanOrEqualTo(1);
        List<OutgoingEvent> afterFirst = outbox.all();
        assertThat(afterFirst).isNotEmpty();
        Set<String> alertedUsers = userAlerts(afterFirst);
        assertThat(alertedUsers).contains("ring2-0", "ring2-1", "ring2-2", "ring2-3");
        // an ordinary user or two may look odd enough; the ring is what stands out
        assertThat(alertedUsers.stream().filter(u -> !u.startsWith("ring2-"))).hasSizeLessThanOrEqualTo(2);

        // an hour later: the window overlaps; the ring's later payments are new, nothing is announced twice
        FraudScoringJob.Scored second = job.score(Instant.parse("2026-03-31T12:10:00Z"));
        assertThat(second.payments()).isPositive();
        List<OutgoingEvent> all = outbox.all();
        assertThat(all.stream().map(OutgoingEvent::id).distinct().count()).isEqualTo(all.size());
        assertThat(outbox.attempts).isGreaterThan(all.size());
        Set<String> keys = new java.util.HashSet<>();
        for (OutgoingEvent e : all) {
            assertThat(keys.add(e.subject())).as("announced once: %s", e.subject()).isTrue();
        }
        assertThat(userAlerts(all)).containsAll(alertedUsers);
        // a third run of the first hour (a retry): nothing new
        int before = all.size();
        job.score(Instant.parse("2026-03-31T11:10:00Z"));
        assertThat(outbox.all()).hasSize(before);

        OutgoingEvent user = all.stream().filter(e -> e.subject().startsWith("fraud_scores:user:")).findFirst().orElseThrow();
        assertThat(user.type()).isEqualTo(OutgoingEvent.ALERT_TRIGGERED);
        Map<String, Object> data1 = user.data();
        assertThat(data1).containsEntry("alertName", "FraudScoreHigh").containsEntry("severity", "critical")
                .containsEntry("metricName", "fraud_user_score").containsEntry("status", "firing")
                .containsKeys("alertId", "description", "currentValue", "thresholdValue", "dimensions",
                        "triggerTimestamp", "details");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) data1.get("details");
        assertThat(details).containsEntry("model", "fraud_scores").containsKeys("version", "userPseudonym",
                "transactionId", "score", "features");
        assertThat((Double) details.get("score")).isGreaterThanOrEqualTo((Double) data1.get("thresholdValue"));
        assertThat(Json.parseObject(user.toCloudEventJson())).containsEntry("id", user.id().toString());
        assertThat(user.subject()).endsWith(":2026-03-31");

        // the next day the same ring pays again: its users are announced again, once for that day
        data.ring(4, Instant.parse("2026-04-01T10:00:00Z"), "ring2-");
        FraudScoringJob.Scored nextDay = job.score(Instant.parse("2026-04-01T12:10:00Z"));
        assertThat(nextDay.userAlerts()).isGreaterThanOrEqualTo(1);
        List<OutgoingEvent> later = outbox.all().subList(before, outbox.all().size());
        assertThat(later.stream().filter(e -> e.subject().startsWith("fraud_scores:user:ring2-")))
                .isNotEmpty().allSatisfy(e -> assertThat(e.subject()).endsWith(":2026-04-01"));
        int afterNextDay = outbox.all().size();
        job.score(Instant.parse("2026-04-01T12:10:00Z"));
        assertThat(outbox.all()).as("and not twice that day").hasSize(afterNextDay);
    }

    @Test
    void withoutAProductionModelTheJobScoresNothing() {
        FraudPayments data = trainingData();
        FraudScoringJob job = new FraudScoringJob(data, store, objects, outbox);
        assertThat(job.run(Instant.parse("2026-03-29T11:10:00Z"))).isZero();
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    void theScorerServesThePaymentForestAndNamesABadFeature() {
        FraudPayments data = trainingData();
        FraudModelTraining.Outcome outcome = training(data, 7).train(AS_OF, Optional.of(data.ring));
        ModelVersion v = outcome.version();
        byte[] artifact = objects.get(v.artifactPath()).orElseThrow();
        IsolationForestScorer scorer = new IsolationForestScorer();
        assertThat(scorer.format()).isEqualTo(ModelFormat.ISOLATION_FOREST);

        PaymentFeatureRow ringPayment = data.rows.stream().filter(r -> data.ring.contains(r.userPseudonym()))
                .reduce((a, b) -> b).orElseThrow();
        PaymentFeatureRow ordinary = data.rows.get(10);
        List<Map<String, Object>> answers = scorer.score(v, artifact, List.of(instance(ringPayment), instance(ordinary)));
        assertThat(answers).hasSize(2);
        double threshold = outcome.model().payment().threshold();
        assertThat((Double) answers.get(0).get("score")).isEqualTo(outcome.model().payment().score(ringPayment.values()));
        assertThat(answers.get(0)).containsEntry("anomalous", (Double) answers.get(0).get("score") >= threshold);
        assertThat(answers.get(0)).containsEntry("anomalous", true);
        assertThat(answers.get(1)).containsEntry("anomalous", false);
        // served again from the cache, the same answers
        assertThat(scorer.score(v, artifact, List.of(instance(ringPayment)))).containsExactly(answers.get(0));

        Map<String, Object> missing = instance(ordinary);
        missing.remove("refund_rate_90d");
        assertInvalid(() -> scorer.score(v, artifact, List.of(instance(ordinary), missing)), "/instances/1/refund_rate_90d");
        Map<String, Object> text = instance(ordinary);
        text.put("amount_rub", "много");
        assertInvalid(() -> scorer.score(v, artifact, List.of(text)), "/instances/0/amount_rub");
        Map<String, Object> unknown = instance(ordinary);
        unknown.put("device_id", 3);
        assertInvalid(() -> scorer.score(v, artifact, List.of(unknown)), "/instances/0/device_id");
        assertThatThrownBy(() -> new IsolationForestScorer().score(v, "{\"kind\":\"other\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                List.of(instance(ordinary))))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isIn(ErrorCode.PREDICTION_FAILED));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String pointer) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
            assertThat(e.pointer()).hasValue(pointer);
        });
    }

    static Map<String, Object> instance(PaymentFeatureRow row) {
        Map<String, Object> instance = new LinkedHashMap<>();
        double[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            instance.put(PaymentFeatureRow.FEATURES.get(i), values[i]);
        }
        return instance;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> userAlerts(List<OutgoingEvent> events) {
        Set<String> users = new java.util.TreeSet<>();
        for (OutgoingEvent e : events) {
            if (e.subject().startsWith("fraud_scores:user:")) {
                users.add((String) ((Map<String, Object>) e.data().get("details")).get("userPseudonym"));
            }
        }
        return users;
    }

    static List<String> ids(List<OutgoingEvent> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.id().toString()));
        return out;
    }
}
