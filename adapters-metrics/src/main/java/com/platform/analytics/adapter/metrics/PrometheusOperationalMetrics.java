package com.platform.analytics.adapter.metrics;

import com.platform.analytics.port.out.OperationalMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * The operational metrics of spec 11.2 in a Prometheus registry of their own (not the client's global default, so two
 * instances in one JVM, as in tests, do not collide), with the JVM's metrics beside them.
 *
 * <p>Each label that takes values from callers (route, code, topic, ...) goes through a {@link BoundedLabelValues}:
 * past {@link #DEFAULT_MAX_VALUES_PER_LABEL} distinct values, new ones are recorded as {@code other}.
 */
public final class PrometheusOperationalMetrics implements OperationalMetrics {
    /** Enough for every route, error code and topic the service has, far below what would hurt Prometheus. */
    public static final int DEFAULT_MAX_VALUES_PER_LABEL = 200;

    /** API and gRPC latencies: 5 ms (a cached KPI) up to 30 s (the query time limit). */
    private static final double[] REQUEST_BUCKETS = {
            0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    /** Model inference in process: from a millisecond up to the seconds a cold model may take. */
    private static final double[] PREDICTION_BUCKETS = {
            0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private final Counter httpRequests;
    private final Histogram httpDuration;
    private final Counter apiErrors;
    private final Counter kafkaConsumed;
    private final Counter kafkaErrors;
    private final Gauge kafkaLag;
    private final Counter eventsIngested;
    private final Gauge martUpdated;
    private final Counter grpcRequests;
    private final Histogram grpcDuration;
    private final Counter predictions;
    private final Histogram predictionDuration;
    private final Counter predictionErrors;
    private final Gauge modelDrift;

    private final BoundedLabelValues methods;
    private final BoundedLabelValues routes;
    private final BoundedLabelValues statuses;
    private final BoundedLabelValues codes;
    private final BoundedLabelValues topics;
    private final BoundedLabelValues partitions;
    private final BoundedLabelValues kinds;
    private final BoundedLabelValues channels;
    private final BoundedLabelValues marts;
    private final BoundedLabelValues services;
    private final BoundedLabelValues grpcMethods;
    private final BoundedLabelValues grpcCodes;
    private final BoundedLabelValues models;
    private final BoundedLabelValues versions;
    private final BoundedLabelValues driftFeatures;

    @Inject
    public PrometheusOperationalMetrics() {
        this(DEFAULT_MAX_VALUES_PER_LABEL);
    }

    /** @param maxValuesPerLabel how many distinct values each label keeps before folding new ones into {@code other} */
    public PrometheusOperationalMetrics(int maxValuesPerLabel) {
        methods = new BoundedLabelValues(maxValuesPerLabel);
        routes = new BoundedLabelValues(maxValuesPerLabel);
        statuses = new BoundedLabelValues(maxValuesPerLabel);
        codes = new BoundedLabelValues(maxValuesPerLabel);
        topics = new BoundedLabelValues(maxValuesPerLabel);
        partitions = new BoundedLabelValues(maxValuesPerLabel);
        kinds = new BoundedLabelValues(maxValuesPerLabel);
        channels = new BoundedLabelValues(maxValuesPerLabel);
        marts = new BoundedLabelValues(maxValuesPerLabel);
        services = new BoundedLabelValues(maxValuesPerLabel);
        grpcMethods = new BoundedLabelValues(maxValuesPerLabel);
        grpcCodes = new BoundedLabelValues(maxValuesPerLabel);
        models = new BoundedLabelValues(maxValuesPerLabel);
        versions = new BoundedLabelValues(maxValuesPerLabel);
        driftFeatures = new BoundedLabelValues(maxValuesPerLabel);

        httpRequests = Counter.builder().name("http_requests_total")
                .help("HTTP API requests by method, route pattern and status")
                .labelNames("method", "route", "status").register(registry);
        httpDuration = Histogram.builder().name("http_request_duration_seconds")
                .help("HTTP API request duration by method and route pattern")
                .labelNames("method", "route").classicOnly().classicUpperBounds(REQUEST_BUCKETS).register(registry);
        apiErrors = Counter.builder().name("api_errors_total")
                .help("API errors answered, by error code")
                .labelNames("code").register(registry);
        kafkaConsumed = Counter.builder().name("kafka_messages_consumed_total")
                .help("Kafka records read by the ingestion consumer group, by topic")
                .labelNames("topic").register(registry);
        kafkaErrors = Counter.builder().name("kafka_consumer_errors_total")
                .help("Kafka consumer errors by topic and kind (invalid, retry, dead_letter, stopped)")
                .labelNames("topic", "kind").register(registry);
        kafkaLag = Gauge.builder().name("kafka_consumer_lag_seconds")
                .help("Age of the last record consumed from a partition while behind its end, 0 when caught up")
                .labelNames("topic", "partition").register(registry);
        eventsIngested = Counter.builder().name("analytics_events_ingested_total")
                .help("Events through the ingestion pipeline by channel and outcome (accepted, rejected, duplicate)")
                .labelNames("channel", "outcome").register(registry);
        martUpdated = Gauge.builder().name("data_mart_last_update_timestamp_gauge")
                .help("When a data mart was last refreshed, in seconds since the epoch")
                .labelNames("mart_name").register(registry);
        grpcRequests = Counter.builder().name("grpc_requests_total")
                .help("gRPC calls by service, method and status code")
                .labelNames("service", "method", "code").register(registry);
        grpcDuration = Histogram.builder().name("grpc_request_duration_seconds")
                .help("gRPC call duration by service and method")
                .labelNames("service", "method").classicOnly().classicUpperBounds(REQUEST_BUCKETS).register(registry);
        predictions = Counter.builder().name("ml_prediction_requests_total")
                .help("Model predictions requested, by model and version")
                .labelNames("model", "version").register(registry);
        predictionDuration = Histogram.builder().name("ml_prediction_duration_seconds")
                .help("Model prediction duration by model and version")
                .labelNames("model", "version").classicOnly().classicUpperBounds(PREDICTION_BUCKETS)
                .register(registry);
        predictionErrors = Counter.builder().name("ml_prediction_errors_total")
                .help("Model predictions that failed, by model and version")
                .labelNames("model", "version").register(registry);
        modelDrift = Gauge.builder().name("ml_model_drift_psi")
                .help("Population stability index of a production model's input feature (or \"prediction\") on the"
                        + " latest day checked against its training baseline; above 0.25 is a shift")
                .labelNames("model", "version", "feature").register(registry);

        JvmMetrics.builder().register(registry);
    }

    @Override
    public void httpRequest(String method, String route, int status, Duration duration) {
        String m = methods.admit(method);
        String r = routes.admit(route);
        httpRequests.labelValues(m, r, statuses.admit(Integer.toString(status))).inc();
        httpDuration.labelValues(m, r).observe(seconds(duration));
    }

    @Override
    public void apiError(String code) {
        apiErrors.labelValues(codes.admit(code)).inc();
    }

    @Override
    public void kafkaConsumed(String topic, long records) {
        if (records > 0) {
            kafkaConsumed.labelValues(topics.admit(topic)).inc(records);
        }
    }

    @Override
    public void kafkaConsumerError(String topic, String kind) {
        kafkaErrors.labelValues(topics.admit(topic), kinds.admit(kind)).inc();
    }

    @Override
    public void kafkaConsumerLag(String topic, int partition, double seconds) {
        kafkaLag.labelValues(topics.admit(topic), partitions.admit(Integer.toString(partition)))
                .set(Math.max(0, seconds));
    }

    @Override
    public void eventsIngested(String channel, long accepted, long rejected, long duplicates) {
        String c = channels.admit(channel);
        // every outcome is touched, also with 0, so that rate() over each has a series from the first batch on
        eventsIngested.labelValues(c, "accepted").inc(Math.max(0, accepted));
        eventsIngested.labelValues(c, "rejected").inc(Math.max(0, rejected));
        eventsIngested.labelValues(c, "duplicate").inc(Math.max(0, duplicates));
    }

    @Override
    public void martUpdated(String martName, Instant at) {
        martUpdated.labelValues(marts.admit(martName)).set(at.toEpochMilli() / 1000.0);
    }

    @Override
    public void grpcRequest(String service, String method, String code, Duration duration) {
        String s = services.admit(service);
        String m = grpcMethods.admit(method);
        grpcRequests.labelValues(s, m, grpcCodes.admit(code)).inc();
        grpcDuration.labelValues(s, m).observe(seconds(duration));
    }

    @Override
    public void prediction(String model, String version, Duration duration, boolean failed) {
        String m = models.admit(model);
        String v = versions.admit(version);
        predictions.labelValues(m, v).inc();
        predictionDuration.labelValues(m, v).observe(seconds(duration));
        if (failed) {
            predictionErrors.labelValues(m, v).inc();
        }
    }

    @Override
    public void modelDrift(String model, String version, String feature, double psi) {
        modelDrift.labelValues(models.admit(model), versions.admit(version), driftFeatures.admit(feature)).set(psi);
    }

    /** Everything registered, now: for the exposition on the management port. */
    MetricSnapshots scrape() {
        return registry.scrape();
    }

    private static double seconds(Duration duration) {
        return Math.max(0, duration.toNanos()) / 1e9;
    }
}
