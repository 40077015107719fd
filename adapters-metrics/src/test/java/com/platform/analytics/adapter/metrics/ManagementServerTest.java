package com.platform.analytics.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.ReadinessCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The management server on a loopback port, scraped and probed over real HTTP. */
class ManagementServerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void exposesWhatWasRecordedThroughThePortWithTheSpecsNamesAndLabels() throws Exception {
        PrometheusOperationalMetrics prometheus = new PrometheusOperationalMetrics();
        OperationalMetrics metrics = prometheus;
        String route = "/api/v1/analytics/metrics/{metricCode}";
        metrics.httpRequest("GET", route, 200, Duration.ofMillis(3));
        metrics.httpRequest("GET", route, 200, Duration.ofMillis(12));
        metrics.httpRequest("GET", route, 404, Duration.ofSeconds(2));
        metrics.httpRequest("POST", "/api/v1/analytics/events", 202, Duration.ofSeconds(45));
        metrics.apiError("METRIC_NOT_FOUND");
        metrics.apiError("METRIC_NOT_FOUND");
        metrics.kafkaConsumed("platform.orders", 5);
        metrics.kafkaConsumed("platform.orders", 3);
        metrics.kafkaConsumerError("platform.orders", "invalid");
        metrics.kafkaConsumerLag("platform.orders", 2, 7.5);
        metrics.kafkaConsumerLag("platform.orders", 2, 1.25);
        metrics.eventsIngested("kafka", 10, 2, 1);
        metrics.eventsIngested("kafka", 5, 0, 0);
        metrics.martUpdated("mart_user_activity_daily", Instant.parse("2026-01-02T03:04:05.500Z"));
        metrics.grpcRequest("analytics.v1.Metrics", "GetValue", "OK", Duration.ofMillis(40));
        metrics.prediction("churn", "3", Duration.ofMillis(4), false);
        metrics.prediction("churn", "3", Duration.ofMillis(2), true);
        metrics.modelDrift("fraud_scores", "20260331T030000", "amount_rub", 0.04);
        metrics.modelDrift("fraud_scores", "20260331T030000", "prediction", 0.1);
        metrics.modelDrift("fraud_scores", "20260331T030000", "prediction", 0.31);

        try (ManagementServer server = started(prometheus, List.of())) {
            HttpResponse<String> response = get(server, "/metrics", Map.of());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
            PrometheusText scrape = PrometheusText.parse(response.body());

            assertThat(scrape.type("http_requests_total")).isEqualTo("counter");
            assertThat(scrape.value("http_requests_total", "method", "GET", "route", route, "status", "200")).isEqualTo(2);
            assertThat(scrape.value("http_requests_total", "method", "GET", "route", route, "status", "404")).isEqualTo(1);
            assertThat(scrape.value("http_requests_total", "method", "POST", "route", "/api/v1/analytics/events",
                    "status", "202")).isEqualTo(1);

            assertThat(scrape.type("http_request_duration_seconds")).isEqualTo("histogram");
            Map<Double, Double> buckets = scrape.buckets("http_request_duration_seconds", "method", "GET", "route", route);
            Map<Double, Double> expected = new TreeMap<>(Map.ofEntries(
                    Map.entry(0.005, 1.0), Map.entry(0.01, 1.0), Map.entry(0.025, 2.0), Map.entry(0.05, 2.0),
                    Map.entry(0.1, 2.0), Map.entry(0.25, 2.0), Map.entry(0.5, 2.0), Map.entry(1.0, 2.0),
                    Map.entry(2.5, 3.0), Map.entry(5.0, 3.0), Map.entry(10.0, 3.0), Map.entry(30.0, 3.0),
                    Map.entry(Double.POSITIVE_INFINITY, 3.0)));
            assertThat(buckets).isEqualTo(expected);
            assertThat(scrape.value("http_request_duration_seconds_count", "method", "GET", "route", route)).isEqualTo(3);
            assertThat(scrape.value("http_request_duration_seconds_sum", "method", "GET", "route", route))
                    .isCloseTo(2.015, within(1e-9));
            // beyond the last bound: only +Inf holds it
            Map<Double, Double> slow = scrape.buckets("http_request_duration_seconds", "method", "POST", "route",
                    "/api/v1/analytics/events");
            assertThat(slow.get(30.0)).isZero();
            assertThat(slow.get(Double.POSITIVE_INFINITY)).isEqualTo(1);

            assertThat(scrape.value("api_errors_total", "code", "METRIC_NOT_FOUND")).isEqualTo(2);
            assertThat(scrape.value("kafka_messages_consumed_total", "topic", "platform.orders")).isEqualTo(8);
            assertThat(scrape.value("kafka_consumer_errors_total", "topic", "platform.orders", "kind", "invalid"))
                    .isEqualTo(1);
            assertThat(scrape.type("kafka_consumer_lag_seconds")).isEqualTo("gauge");
            assertThat(scrape.value("kafka_consumer_lag_seconds", "topic", "platform.orders", "partition", "2"))
                    .isEqualTo(1.25);
            assertThat(scrape.value("analytics_events_ingested_total", "channel", "kafka", "outcome", "accepted"))
                    .isEqualTo(15);
            assertThat(scrape.value("analytics_events_ingested_total", "channel", "kafka", "outcome", "rejected"))
                    .isEqualTo(2);
            assertThat(scrape.value("analytics_events_ingested_total", "channel", "kafka", "outcome", "duplicate"))
                    .isEqualTo(1);
            assertThat(scrape.value("data_mart_last_update_timestamp_gauge", "mart_name", "mart_user_activity_daily"))
                    .isEqualTo(Instant.parse("2026-01-02T03:04:05.500Z").toEpochMilli() / 1000.0);
            assertThat(scrape.value("grpc_requests_total", "service", "analytics.v1.Metrics", "method", "GetValue",
                    "code", "OK")).isEqualTo(1);
            assertThat(scrape.value("grpc_request_duration_seconds_count", "service", "analytics.v1.Metrics",
                    "method", "GetValue")).isEqualTo(1);
            assertThat(scrape.value("ml_prediction_requests_total", "model", "churn", "version", "3")).isEqualTo(2);
            assertThat(scrape.value("ml_prediction_errors_total", "model", "churn", "version", "3")).isEqualTo(1);
            assertThat(scrape.buckets("ml_prediction_duration_seconds", "model", "churn", "version", "3"))
                    .containsEntry(0.001, 0.0).containsEntry(0.0025, 1.0).containsEntry(0.005, 2.0);
            assertThat(scrape.type("ml_model_drift_psi")).isEqualTo("gauge");
            assertThat(scrape.value("ml_model_drift_psi", "model", "fraud_scores", "version", "20260331T030000",
                    "feature", "amount_rub")).isEqualTo(0.04);
            // a gauge: the latest day's value replaces the one before
            assertThat(scrape.value("ml_model_drift_psi", "model", "fraud_scores", "version", "20260331T030000",
                    "feature", "prediction")).isEqualTo(0.31);

            // the JVM's own metrics beside them
            assertThat(scrape.samples().keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"))
                    .anyMatch(k -> k.startsWith("jvm_threads_current"))
                    .anyMatch(k -> k.startsWith("jvm_gc_collection_seconds"));
        }
    }

    @Test
    void answersOpenMetricsWhenTheScraperAsksForIt() throws Exception {
        PrometheusOperationalMetrics metrics = new PrometheusOperationalMetrics();
        metrics.apiError("INVALID_QUERY_PARAMETERS");
        try (ManagementServer server = started(metrics, List.of())) {
            HttpResponse<String> response = get(server, "/metrics",
                    Map.of("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/openmetrics-text"));
            assertThat(response.body()).contains("# TYPE api_errors counter")
                    .contains("api_errors_total{code=\"INVALID_QUERY_PARAMETERS\"} 1.0")
                    .endsWith("# EOF\n");
        }
    }

    @Test
    void livenessAnswersWhileReadinessFollowsItsChecks() throws Exception {
        AtomicReference<Optional<String>> migrations = new AtomicReference<>(Optional.of("migrations not applied yet"));
        ReadinessCheck migrationsCheck = ReadinessCheck.of("migrations", migrations::get);
        ReadinessCheck warehouse = ReadinessCheck.of("warehouse", Optional::empty);
        try (ManagementServer server = started(new PrometheusOperationalMetrics(),
                List.of(migrationsCheck, warehouse))) {
            assertThat(get(server, "/health/live", Map.of()).statusCode()).isEqualTo(200);

            HttpResponse<String> notReady = get(server, "/health/ready", Map.of());
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(notReady.body()).isEqualTo("{\"status\":\"not_ready\",\"checks\":["
                    + "{\"name\":\"migrations\",\"status\":\"failing\",\"problem\":\"migrations not applied yet\"},"
                    + "{\"name\":\"warehouse\",\"status\":\"ready\"}]}");

            migrations.set(Optional.empty());
            HttpResponse<String> ready = get(server, "/health/ready", Map.of());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"checks\":["
                    + "{\"name\":\"migrations\",\"status\":\"ready\"},{\"name\":\"warehouse\",\"status\":\"ready\"}]}");

            migrations.set(Optional.of("postgres: \"connection refused\""));
            HttpResponse<String> again = get(server, "/health/ready", Map.of());
            assertThat(again.statusCode()).isEqualTo(503);
            assertThat(again.body()).contains("\"problem\":\"postgres: \\\"connection refused\\\"\"");
            assertThat(get(server, "/health/live", Map.of()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aHangingCheckMakesReadinessFalseWithinTheTimeoutAndIsNotStartedAgainWhileItHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        ReadinessCheck hanging = ReadinessCheck.of("clickhouse", () -> {
            started.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        });
        ReadinessCheck throwing = ReadinessCheck.of("s3", () -> {
            throw new IllegalStateException("bucket unreachable");
        });
        ManagementConfig config = new ManagementConfig("127.0.0.1", 0, Duration.ofMillis(300));
        try (ManagementServer server = new ManagementServer(config, new PrometheusOperationalMetrics(),
                List.of(hanging, throwing))) {
            server.start();
            long begin = System.nanoTime();
            HttpResponse<String> first = get(server, "/health/ready", Map.of());
            long tookMillis = (System.nanoTime() - begin) / 1_000_000;
            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(tookMillis).isBetween(250L, 3_000L);
            assertThat(first.body()).contains(
                    "{\"name\":\"clickhouse\",\"status\":\"failing\",\"problem\":\"did not answer within 300 ms\"}",
                    "{\"name\":\"s3\",\"status\":\"failing\",\"problem\":\"IllegalStateException: bucket unreachable\"}");

            assertThat(get(server, "/health/ready", Map.of()).statusCode()).isEqualTo(503);
            assertThat(started).hasValue(1);

            release.countDown();
            HttpResponse<String> released = get(server, "/health/ready", Map.of());
            assertThat(released.body()).contains("{\"name\":\"clickhouse\",\"status\":\"ready\"}");
        } finally {
            release.countDown();
        }
    }

    @Test
    void labelValuesBeyondTheBoundAreFoldedIntoOther() throws Exception {
        PrometheusOperationalMetrics metrics = new PrometheusOperationalMetrics(3);
        for (int i = 0; i < 10; i++) {
            // a route that is a raw path by mistake: every request a new value
            metrics.httpRequest("GET", "/api/v1/analytics/games/" + i, 200, Duration.ofMillis(10));
        }
        metrics.httpRequest("GET", "/api/v1/analytics/games/1", 200, Duration.ofMillis(10));
        metrics.apiError(null);
        try (ManagementServer server = started(metrics, List.of())) {
            PrometheusText scrape = PrometheusText.parse(get(server, "/metrics", Map.of()).body());
            assertThat(scrape.seriesOf("http_requests_total")).isEqualTo(4);
            assertThat(scrape.value("http_requests_total", "method", "GET", "route", "/api/v1/analytics/games/0",
                    "status", "200")).isEqualTo(1);
            assertThat(scrape.value("http_requests_total", "method", "GET", "route", "/api/v1/analytics/games/1",
                    "status", "200")).isEqualTo(2);
            assertThat(scrape.value("http_requests_total", "method", "GET", "route", "other", "status", "200"))
                    .isEqualTo(7);
            assertThat(scrape.value("http_request_duration_seconds_count", "method", "GET", "route", "other"))
                    .isEqualTo(7);
            assertThat(scrape.value("api_errors_total", "code", "unknown")).isEqualTo(1);
        }
    }

    @Test
    void answersOnlyItsOwnPathsAndOnlyGet() throws Exception {
        try (ManagementServer server = started(new PrometheusOperationalMetrics(), List.of())) {
            assertThat(get(server, "/api/v1/analytics/events", Map.of()).statusCode()).isEqualTo(404);
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri(server, "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET");
            // no checks registered: nothing stands in the way
            assertThat(get(server, "/health/ready", Map.of()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesAnAddressInUse() throws Exception {
        try (ManagementServer first = started(new PrometheusOperationalMetrics(), List.of());
                ManagementServer second = new ManagementServer(
                        new ManagementConfig("127.0.0.1", first.port(), Duration.ofSeconds(1)),
                        new PrometheusOperationalMetrics(), List.of())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
                    .isInstanceOf(com.platform.analytics.domain.error.AnalyticsException.class)
                    .hasMessageContaining("cannot bind 127.0.0.1:" + first.port());
        }
    }

    private static ManagementServer started(PrometheusOperationalMetrics metrics, List<ReadinessCheck> checks) {
        ManagementServer server = new ManagementServer(new ManagementConfig("127.0.0.1", 0, Duration.ofSeconds(2)),
                metrics, checks);
        server.start();
        return server;
    }

    private static HttpResponse<String> get(ManagementServer server, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ManagementServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

}
