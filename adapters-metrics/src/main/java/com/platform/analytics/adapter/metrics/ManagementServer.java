package com.platform.analytics.adapter.metrics;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.port.out.ReadinessCheck;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management endpoints, on an address of their own (the JDK's HTTP server: a scrape and a probe need nothing
 * more, and they keep answering when the API's event loops are saturated):
 * <ul>
 *   <li>{@code GET /metrics}: the registry in the Prometheus text format 0.0.4, or OpenMetrics 1.0 when the
 *       {@code Accept} header asks for it;</li>
 *   <li>{@code GET /health/live}: 200 while the process runs;</li>
 *   <li>{@code GET /health/ready}: 200 when every readiness check passes, else 503 with a JSON body naming the
 *       failing checks and why.</li>
 * </ul>
 */
public final class ManagementServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final ManagementConfig config;
    private final PrometheusOperationalMetrics metrics;
    private final ReadinessProbe readiness;
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final Object lifecycle = new Object();
    private HttpServer server;
    private ExecutorService executor;

    @Inject
    public ManagementServer(ManagementConfig config, PrometheusOperationalMetrics metrics, Set<ReadinessCheck> checks) {
        this(config, metrics, List.copyOf(requireNonNull(checks, "checks is null")));
    }

    public ManagementServer(ManagementConfig config, PrometheusOperationalMetrics metrics, List<ReadinessCheck> checks) {
        this.config = requireNonNull(config, "config is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.readiness = new ReadinessProbe(requireNonNull(checks, "checks is null"), config.readinessTimeout());
    }

    /** Binds the management address and starts answering. */
    public void start() {
        synchronized (lifecycle) {
            if (server != null) {
                throw new IllegalStateException("the management server was already started");
            }
            try {
                server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
            } catch (IOException | RuntimeException e) {
                throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "the management server cannot bind "
                        + config.host() + ":" + config.port() + ": " + e.getMessage(), null, null, e);
            }
            AtomicInteger threads = new AtomicInteger();
            // two threads: a scrape is not held up by a readiness probe waiting out a slow check
            executor = Executors.newFixedThreadPool(2, r -> {
                Thread thread = new Thread(r, "management-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
            LOG.info("management endpoints on http://{}:{} (/metrics, /health/live, /health/ready)", config.host(),
                    port());
        }
    }

    /** The port bound: the configured one, or the one picked when that was 0. */
    public int port() {
        synchronized (lifecycle) {
            if (server == null) {
                throw new IllegalStateException("the management server is not started");
            }
            return server.getAddress().getPort();
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (server != null) {
                server.stop(0);
                executor.shutdownNow();
            }
            readiness.close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/metrics") && !path.equals("/health/live") && !path.equals("/health/ready")) {
                send(exchange, 404, JSON, utf8("{\"error\":\"not found\"}"));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, JSON, utf8("{\"error\":\"method not allowed\"}"));
                return;
            }
            switch (path) {
                case "/metrics" -> metrics(exchange);
                case "/health/live" -> send(exchange, 200, JSON, utf8("{\"status\":\"live\"}"));
                default -> ready(exchange);
            }
        } catch (RuntimeException e) {
            LOG.warn("the management endpoint {} failed", exchange.getRequestURI().getPath(), e);
            throw e;
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        if (!writer.isAvailable()) {
            // protobuf was asked for but its runtime is not on the classpath: text is what every scraper reads
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        writer.write(body, metrics.scrape());
        send(exchange, 200, writer.getContentType(), body.toByteArray());
    }

    private void ready(HttpExchange exchange) throws IOException {
        ReadinessProbe.Readiness result = readiness.evaluate();
        StringBuilder json = new StringBuilder();
        json.append("{\"status\":\"").append(result.ready() ? "ready" : "not_ready").append("\",\"checks\":[");
        for (int i = 0; i < result.outcomes().size(); i++) {
            ReadinessProbe.Readiness.Outcome outcome = result.outcomes().get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"name\":");
            Json.writeString(outcome.name(), json);
            json.append(",\"status\":\"").append(outcome.problem().isEmpty() ? "ready" : "failing").append('"');
            if (outcome.problem().isPresent()) {
                json.append(",\"problem\":");
                Json.writeString(outcome.problem().get(), json);
            }
            json.append('}');
        }
        json.append("]}");
        send(exchange, result.ready() ? 200 : 503, JSON, utf8(json.toString()));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
