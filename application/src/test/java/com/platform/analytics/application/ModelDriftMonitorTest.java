package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.domain.ml.anomaly.IsolationForestSettings;
import com.platform.analytics.domain.ml.drift.DriftLevel;
import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.OperationalMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelDriftMonitorTest {
    static final LocalDate DAY = LocalDate.parse("2026-04-01");
    static final Instant NOW = Instant.parse("2026-04-02T02:30:00Z");

    private final InMemoryModelRegistry store = new InMemoryModelRegistry();
    private final InMemoryDeduplicatingOutbox outbox = new InMemoryDeduplicatingOutbox();
    private final Map<String, Double> gauges = new LinkedHashMap<>();
    private final OperationalMetrics metrics = new OperationalMetrics() {
        @Override
        public void modelDrift(String model, String version, String feature, double psi) {
            gauges.put(model + "/" + version + "/" + feature, psi);
        }
    };

    /** Two features, x ~ N(0, 1) and y ~ U(0, 10), and a prediction p = sigmoid(x). */
    private static List<double[]> rows(long seed, int n, double xShift) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = gaussian(random) + xShift;
            rows.add(new double[] {x, random.nextDouble() * 10, 1 / (1 + Math.exp(-x))});
        }
        return rows;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private ModelVersion production(String name, String version, Map<String, Object> performance) {
        Instant at = Instant.parse("2026-03-31T00:00:00Z");
        ModelVersion v = new ModelVersion(UUID.randomUUID(), name, version, ModelFormat.ONNX, "м", "m", "sgd", Map.of(),
                null, performance, "ml_models/model_name=" + name + "/version=" + version + "/model.onnx",
                ModelStage.PRODUCTION, new ModelSignature(List.of(new ModelInput("in", TensorType.DOUBLE, List.of("x", "y"))),
                        List.of(new ModelOutput("p", TensorType.DOUBLE, List.of()))), "trainer", at, at, at);
        store.insert(v, new StageChange(v.id(), name, version, null, ModelStage.PRODUCTION, "trainer", "test", at));
        return v;
    }

    /** A source serving given rows (x, y, prediction) for any day. */
    private static DriftSource source(String model, List<double[]> today) {
        return new DriftSource() {
            @Override
            public String modelName() {
                return model;
            }

            @Override
            public Optional<Sample> day(ModelVersion version, DriftBaselines.Baselines baselines, LocalDate day) {
                if (today.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Sample(Map.of("x", column(today, 0), "y", column(today, 1)), column(today, 2)));
            }
        };
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    private static Map<String, Object> baselineMetrics(List<double[]> training) {
        List<double[]> features = training.stream().map(r -> new double[] {r[0], r[1]}).toList();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("auc", 0.8);
        metrics.put(DriftBaselines.KEY, DriftBaselines.of(List.of("x", "y"), features, column(training, 2)));
        // as stored in the JSONB column and read back
        return Json.parseObject(Json.write(metrics));
    }

    @Test
    void theSameDistributionReadsStableAndAShiftedOneRaisesAGaugeAndOneAlertPerFeatureAndDay() {
        production("steady", "1", baselineMetrics(rows(1, 5000, 0)));
        production("moved", "7", baselineMetrics(rows(2, 5000, 0)));
        ModelDriftMonitor monitor = new ModelDriftMonitor(store, List.of(source("steady", rows(3, 5000, 0)),
                source("moved", rows(4, 5000, 1.0))), metrics, outbox);

        ModelDriftMonitor.Check check = monitor.check(DAY, NOW);
        assertThat(check.failures()).isEmpty();
        assertThat(check.readings()).hasSize(6);
        for (String f : List.of("x", "y", "prediction")) {
            assertThat(gauges.get("steady/1/" + f)).as(f).isCloseTo(0, within(0.02));
        }
        assertThat(gauges.get("moved/7/x")).isGreaterThan(0.25);
        assertThat(gauges.get("moved/7/prediction")).isGreaterThan(0.25);
        assertThat(gauges.get("moved/7/y")).isLessThan(0.02);

        List<OutgoingEvent> alerts = outbox.all();
        assertThat(alerts).hasSize(2);
        assertThat(alerts).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(OutgoingEvent.ALERT_TRIGGERED);
            assertThat(e.data()).containsEntry("alertName", "ModelDriftHigh").containsEntry("metricName", "ml_model_drift_psi")
                    .containsEntry("thresholdValue", DriftLevel.SHIFT_ABOVE).containsEntry("severity", "warning")
                    .containsKeys("alertId", "description", "currentValue", "dimensions", "triggerTimestamp");
        });
        assertThat(alerts.stream().map(e -> (Object) ((Map<?, ?>) e.data().get("dimensions")).get("feature")).toList())
                .containsExactlyInAnyOrder((Object) "x", "prediction");
        assertThat(check.readings().stream().filter(ModelDriftMonitor.Reading::alerted)).hasSize(2);

        // the same day again (a re-run): gauges again, no second alert; the next day: alerted again
        monitor.check(DAY, NOW.plusSeconds(60));
        assertThat(outbox.all()).hasSize(2);
        monitor.check(DAY.plusDays(1), NOW.plusSeconds(86400));
        assertThat(outbox.all()).hasSize(4);
    }

    @Test
    void modelsWithoutABaselineOrASourceOrADayOfDataAreSkippedAndAFailingSourceDoesNotStopTheOthers() {
        production("no_baseline", "1", Map.of("auc", 0.7));
        production("no_source", "1", baselineMetrics(rows(1, 500, 0)));
        production("empty_day", "1", baselineMetrics(rows(1, 500, 0)));
        production("broken", "1", baselineMetrics(rows(1, 500, 0)));
        production("fine", "1", baselineMetrics(rows(1, 500, 0)));
        DriftSource broken = new DriftSource() {
            @Override
            public String modelName() {
                return "broken";
            }

            @Override
            public Optional<Sample> day(ModelVersion version, DriftBaselines.Baselines baselines, LocalDate day) {
                throw new IllegalStateException("warehouse down");
            }
        };
        ModelDriftMonitor monitor = new ModelDriftMonitor(store, List.of(source("no_baseline", rows(2, 100, 0)),
                source("empty_day", List.of()), broken, source("fine", rows(2, 500, 0))), metrics, outbox);
        ModelDriftMonitor.Check check = monitor.check(DAY, NOW);
        assertThat(check.failures()).containsOnlyKeys("broken");
        assertThat(check.readings()).extracting(ModelDriftMonitor.Reading::model).containsOnly("fine");
        assertThat(gauges).containsOnlyKeys("fine/1/x", "fine/1/y", "fine/1/prediction");

        ModelDriftJob job = new ModelDriftJob(monitor);
        assertThat(job.job().name()).isEqualTo("model_drift");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> job.run(NOW)).isInstanceOf(JobRunFailure.class)
                .hasMessageContaining("broken");
    }

    @Test
    void theFraudModelsDayIsItsPaymentsAndTheirForestScores() {
        FraudPayments data = FraudModelTest.trainingData();
        OutboxRelayTest.MutableClock clock = new OutboxRelayTest.MutableClock(Instant.parse("2026-03-31T03:00:00Z"));
        InMemoryObjectStore objects = new InMemoryObjectStore();
        ModelRegistryService registry = new ModelRegistryService(store, new SummingModelRuntime(clock), objects, clock);
        FraudModelTraining.Outcome outcome = new FraudModelTraining(data, registry, clock,
                IsolationForestSettings.defaults(7)).train(FraudModelTest.AS_OF);
        LocalDate ringDay = LocalDate.parse("2026-03-28");
        List<PaymentFeatureRow> payments = data.paymentRows(ringDay, ringDay);

        FraudDriftSource source = new FraudDriftSource(data, objects);
        DriftBaselines.Baselines baselines = DriftBaselines.in(outcome.version().performanceMetrics()).orElseThrow();
        DriftSource.Sample sample = source.day(outcome.version(), baselines, ringDay).orElseThrow();
        assertThat(sample.features().keySet()).containsExactlyElementsOf(PaymentFeatureRow.FEATURES);
        assertThat(sample.features().get("amount_rub")).hasSize(payments.size());
        assertThat(sample.predictions()).containsExactly(payments.stream()
                .mapToDouble(p -> outcome.model().payment().score(p.values())).toArray());
        assertThat(source.day(outcome.version(), baselines, LocalDate.parse("2027-01-01"))).isEmpty();

        // the ring's day is a different population from the month: its shared networks and amounts drifted
        new ModelDriftMonitor(store, List.of(source), metrics, outbox).check(ringDay, NOW);
        String prefix = "fraud_scores/" + outcome.version().version() + "/";
        assertThat(gauges).containsKeys(prefix + "amount_rub", prefix + "prediction");
        assertThat(gauges.get(prefix + "shared_network_users")).isGreaterThan(0.25);
    }
}
