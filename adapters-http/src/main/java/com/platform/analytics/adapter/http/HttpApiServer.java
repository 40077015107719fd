package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The REST API server. Routes live under {@link #BASE_PATH}; {@code GET /health} answers both at the root
 * (for probes that know nothing of the API) and under the base path (for callers that go through the
 * gateway). It owns its Vert.x instance: {@link #start()} creates it, {@link #close()} releases it.
 */
public final class HttpApiServer implements AutoCloseable {
    public static final String BASE_PATH = "/api/v1/analytics";
    private static final long START_STOP_TIMEOUT_SECONDS = 30;

    private final HttpApiConfig config;
    private final IngestEventsUseCase ingestEvents;
    private final MetricQueriesUseCase metricQueries;
    private final List<RouteGroup> routeGroups;
    private Vertx vertx;

    public HttpApiServer(HttpApiConfig config, IngestEventsUseCase ingestEvents, MetricQueriesUseCase metricQueries) {
        this(config, ingestEvents, metricQueries, List.of());
    }

    /** @param routeGroups further routes (analyses, segments...), registered in this order */
    @Inject
    public HttpApiServer(HttpApiConfig config, IngestEventsUseCase ingestEvents, MetricQueriesUseCase metricQueries,
            List<RouteGroup> routeGroups) {
        this.config = requireNonNull(config, "config is null");
        this.ingestEvents = requireNonNull(ingestEvents, "ingestEvents is null");
        this.metricQueries = requireNonNull(metricQueries, "metricQueries is null");
        this.routeGroups = List.copyOf(routeGroups);
    }

    /** Starts listening; returns the bound port (the free port picked when the configured port is 0). */
    public synchronized int start() {
        if (vertx != null) {
            throw new IllegalStateException("the HTTP API server is already started");
        }
        Vertx started = Vertx.vertx();
        try {
            HttpServer server = started
                    .createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                    .requestHandler(router(started));
            int port = await(server.listen()).actualPort();
            vertx = started;
            return port;
        } catch (RuntimeException e) {
            closeQuietly(started);
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Stops listening and releases the event loops and workers; a request in flight is cut off. */
    @Override
    public synchronized void close() {
        if (vertx == null) {
            return;
        }
        Vertx stopping = vertx;
        vertx = null;
        await(stopping.close());
    }

    private Router router(Vertx vertx) {
        EventsEndpoint events = new EventsEndpoint(vertx, ingestEvents, config.maxBodyBytes());
        MetricsEndpoint metrics = new MetricsEndpoint(vertx, metricQueries);
        Router router = Router.router(vertx);
        router.route().handler(new RequestLogHandler());

        for (String health : new String[] {"/health", BASE_PATH + "/health"}) {
            router.get(health).handler(ctx -> JsonResponses.send(ctx, 200, Map.of("status", "UP")));
            router.route(health).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        }

        // the type is checked before the body is read, so a body of the wrong type is never read; Vert.x wants
        // the body handler first on its route, hence two routes
        router.post(BASE_PATH + "/events").handler(events::checkContentType);
        router.post(BASE_PATH + "/events")
                // no file uploads: multipart is not an accepted type, and nothing should be written to disk
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(events::ingest);
        router.route(BASE_PATH + "/events").handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "POST"));

        String definitions = BASE_PATH + "/metrics/definitions";
        router.get(definitions).handler(metrics::definitions);
        router.route(definitions).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        String definition = definitions + "/:" + MetricsEndpoint.METRIC_NAME;
        router.get(definition).handler(metrics::definition);
        router.route(definition).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        String values = BASE_PATH + "/metrics/values/:" + MetricsEndpoint.METRIC_NAME;
        router.get(values).handler(metrics::values);
        router.route(values).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));

        for (RouteGroup group : routeGroups) {
            group.register(vertx, router, BASE_PATH);
        }

        router.route().handler(ErrorResponses::notFound);
        router.route().failureHandler(ErrorResponses::handleFailure);
        // the router's own last resorts, for failures outside any route (a request URI that does not decode)
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, ctx -> ErrorResponses.handleUnhandled(ctx, status));
        }
        return router;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the HTTP server", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the HTTP server did not start or stop within "
                    + START_STOP_TIMEOUT_SECONDS + " seconds", e);
        }
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            await(vertx.close());
        } catch (RuntimeException e) {
            // already failing: the start-up error is the one worth reporting
        }
    }
}
