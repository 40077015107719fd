package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.port.in.AuthenticationUseCase;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The REST API server. Routes live under {@link #BASE_PATH}; {@code GET /health} answers both at the root
 * (for probes that know nothing of the API) and under the base path (for callers that go through the
 * gateway); the OpenAPI document of every route is at {@code GET {basePath}/openapi.json}. Responses are
 * gzip-compressed for clients that accept it. It owns its Vert.x instance: {@link #start()} creates it,
 * {@link #close()} releases it.
 *
 * <p>Every request passes, in this order: {@link #observe} (request id, MDC, the records at the end), the route
 * markers (which route pattern the router is about to run), and {@link #handle}, the one place where a request's
 * handling starts (its span, the body limit, and where authentication belongs).
 */
public final class HttpApiServer implements AutoCloseable {
    public static final String BASE_PATH = "/api/v1/analytics";
    /** Authentication off: only for a server on a loopback address (bootstrap enforces it). */
    private static final AuthenticationUseCase LOOPBACK_ONLY = authorization -> Principal.LOOPBACK_OPERATOR;
    private static final String CALLER_KEY = "analytics.caller";
    private static final String SCOPE_KEY = "analytics.scope";
    private static final long START_STOP_TIMEOUT_SECONDS = 30;
    // the server's own steps run before any route a group registers (those get orders 0, 1, 2...)
    private static final int OBSERVE_ORDER = -3_000_000;
    private static final int MARKER_ORDER = -2_000_000;
    private static final int HANDLE_ORDER = -1_000_000;

    private final HttpApiConfig config;
    private final IngestEventsUseCase ingestEvents;
    private final MetricQueriesUseCase metricQueries;
    private final List<RouteGroup> routeGroups;
    private final OperationalMetrics metrics;
    private final Tracing tracing;
    private final AuthenticationUseCase authentication;
    private final AccessPolicy accessPolicy;
    private Vertx vertx;
    private List<ApiRoute> routes = List.of();
    private volatile Map<String, Long> uploadLimits = Map.of();

    public HttpApiServer(HttpApiConfig config, IngestEventsUseCase ingestEvents, MetricQueriesUseCase metricQueries) {
        this(config, ingestEvents, metricQueries, List.of());
    }

    /** @param routeGroups further routes (analyses, segments...), registered in this order */
    public HttpApiServer(HttpApiConfig config, IngestEventsUseCase ingestEvents, MetricQueriesUseCase metricQueries,
            List<RouteGroup> routeGroups) {
        this(config, ingestEvents, metricQueries, routeGroups, OperationalMetrics.NONE, Tracing.NONE);
    }

    /** Without authentication (every caller the loopback operator): for tests and the loopback-only embedded default. */
    public HttpApiServer(HttpApiConfig config, IngestEventsUseCase ingestEvents, MetricQueriesUseCase metricQueries,
            List<RouteGroup> routeGroups, OperationalMetrics metrics, Tracing tracing) {
        this(config, ingestEvents, metricQueries, routeGroups, metrics, tracing, LOOPBACK_ONLY, new AccessPolicy());
    }

    /**
     * @param routeGroups further routes (analyses, segments...), registered in this order
     * @param metrics receives {@code httpRequest} for every request and {@code apiError} for every error answer
     * @param tracing a span per request, named {@code "METHOD /route/{pattern}"}, continuing a {@code traceparent}
     */
    @Inject
    public HttpApiServer(HttpApiConfig config, IngestEventsUseCase ingestEvents, MetricQueriesUseCase metricQueries,
            List<RouteGroup> routeGroups, OperationalMetrics metrics, Tracing tracing, AuthenticationUseCase authentication,
            AccessPolicy accessPolicy) {
        this.config = requireNonNull(config, "config is null");
        this.ingestEvents = requireNonNull(ingestEvents, "ingestEvents is null");
        this.metricQueries = requireNonNull(metricQueries, "metricQueries is null");
        this.routeGroups = List.copyOf(routeGroups);
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.accessPolicy = requireNonNull(accessPolicy, "accessPolicy is null");
    }

    /**
     * The data the request's caller may read (every game, or one developer's), decided by the access policy once the
     * caller was let through; handlers pass it to their use case, which makes it a condition of the query.
     */
    static DataScope scope(RoutingContext ctx) {
        DataScope scope = ctx.get(SCOPE_KEY);
        if (scope == null) {
            throw new IllegalStateException("no data scope on a route that needs one: the route is missing from the contract");
        }
        return scope;
    }

    /** The caller of a request, once {@link #handle} let it through. */
    static Principal caller(RoutingContext ctx) {
        Principal p = ctx.get(CALLER_KEY);
        if (p == null) {
            throw new IllegalStateException("no caller on a route that needs one: the route is missing from the contract");
        }
        return p;
    }

    /**
     * A route as registered on the router: a path pattern ({@code /segments/:segment_id}) and the methods it
     * serves; none for a path's fall-back route (the 405 with {@code Allow}).
     */
    record ApiRoute(String path, Set<String> methods) {
        ApiRoute {
            requireNonNull(path, "path is null");
            methods = Set.copyOf(methods);
        }
    }

    /** Starts listening; returns the bound port (the free port picked when the configured port is 0). */
    public synchronized int start() {
        if (vertx != null) {
            throw new IllegalStateException("the HTTP API server is already started");
        }
        Vertx started = Vertx.vertx();
        try {
            ApiContract contract = await(ApiContract.load(started));
            HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                    // gzip (or deflate) when the client sends Accept-Encoding
                    .setCompressionSupported(true);
            if (config.tls()) {
                // HTTPS only: a plain-HTTP request on this port fails its handshake, it is never answered in clear
                options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCertFile().toString())
                        .setKeyPath(config.tlsKeyFile().toString()));
            }
            HttpServer server = started.createHttpServer(options).requestHandler(router(started, contract));
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

    /** Every route the router of the started server serves, in registration order (for the contract's test). */
    synchronized List<ApiRoute> routes() {
        return routes;
    }

    private Router router(Vertx vertx, ApiContract contract) {
        EventsEndpoint events = new EventsEndpoint(vertx, ingestEvents, config.maxBodyBytes());
        MetricsEndpoint metricsEndpoint = new MetricsEndpoint(vertx, metricQueries);
        Router router = Router.router(vertx);
        router.route().order(OBSERVE_ORDER).handler(ctx -> observe(ctx, contract));
        router.route().order(HANDLE_ORDER).handler(ctx -> handle(ctx, contract));

        for (String health : new String[] {"/health", BASE_PATH + "/health"}) {
            router.get(health).handler(ctx -> JsonResponses.send(ctx, 200, Map.of("status", "UP")));
            router.route(health).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        }
        String openApi = BASE_PATH + "/openapi.json";
        router.get(openApi).handler(ctx -> JsonResponses.sendWithETag(ctx, 200, contract.document()));
        router.route(openApi).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));

        // the type is checked before the body is read, so a body of the wrong type is never read; Vert.x wants
        // the body handler first on its route, hence two routes
        router.post(BASE_PATH + "/events").handler(events::checkContentType);
        router.post(BASE_PATH + "/events")
                // no file uploads: multipart is not an accepted type, and nothing should be written to disk
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(events::ingest);
        router.route(BASE_PATH + "/events").handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "POST"));

        String definitions = BASE_PATH + "/metrics/definitions";
        router.get(definitions).handler(metricsEndpoint::definitions);
        router.route(definitions).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        String definition = definitions + "/:" + MetricsEndpoint.METRIC_NAME;
        router.get(definition).handler(metricsEndpoint::definition);
        router.route(definition).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        String values = BASE_PATH + "/metrics/values/:" + MetricsEndpoint.METRIC_NAME;
        router.get(values).handler(metricsEndpoint::values);
        router.route(values).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));

        // routes whose bodies may exceed the JSON limit: event batches, and what the route groups declare
        Map<String, Long> uploads = new java.util.HashMap<>();
        uploads.put(BASE_PATH + "/events", config.maxBodyBytes());
        for (RouteGroup group : routeGroups) {
            group.register(vertx, router, BASE_PATH, config.maxJsonBodyBytes());
            uploads.putAll(group.uploadLimits(BASE_PATH));
        }
        uploadLimits = Map.copyOf(uploads);

        routes = catalogue(router);
        markRoutePatterns(router, routes);
        router.route().handler(ErrorResponses::notFound);
        router.route().failureHandler(ErrorResponses::handleFailure);
        // the router's own last resorts, for failures outside any route (a request URI that does not decode)
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, ctx -> {
                RequestObservation.begin(ctx, metrics, tracing);
                ErrorResponses.handleUnhandled(ctx, status);
            });
        }
        return router;
    }

    /** The first step of every request: its id, in the response and the MDC while the router runs the rest. */
    private void observe(RoutingContext ctx, ApiContract contract) {
        RequestObservation observation = RequestObservation.begin(ctx, metrics, tracing);
        ctx.put(ApiContract.class.getName(), contract);
        try {
            observation.withRequestId(() -> {
                ctx.next();
                return null;
            });
        } catch (Exception e) {
            ctx.fail(e);
        }
    }

    /**
     * Where a request's handling starts, its route pattern known: its span, the body limit of what it declares it
     * sends, and (next) who is asking. Authentication and authorization belong here, before any route's handler.
     */
    private void handle(RoutingContext ctx, ApiContract contract) {
        RequestObservation observation = RequestObservation.of(ctx);
        observation.startSpan(ctx);
        long limit = uploadLimits.getOrDefault(observation.route(), config.maxJsonBodyBytes());
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null && exceeds(declared, limit)) {
            // refused before a byte is read, on every route, also those that never read a body
            ctx.put(EventsEndpoint.BODY_LIMIT_KEY, limit);
            ErrorResponses.payloadTooLarge(ctx);
            return;
        }
        Optional<ApiContract.Access> access = contract.accessOf(ctx.request().method(), observation.route());
        if (access.isEmpty() || access.get().open()) {
            // public, or not an operation at all (the 404 or 405 that follows tells nothing about data)
            ctx.next();
            return;
        }
        // verifying may fetch signing keys (rarely, but over the network): off the event loop, the request paused
        // meanwhile so no byte of its body is lost, as Vert.x's own authentication handlers do
        Optional<String> authorization = Optional.ofNullable(ctx.request().getHeader("Authorization"));
        Permission needed = access.get().permission().orElseThrow();
        boolean pause = !ctx.request().isEnded();
        if (pause) {
            ctx.request().pause();
        }
        ctx.vertx().<Principal>executeBlocking(() -> {
            Principal principal = authentication.authenticate(authorization);
            accessPolicy.require(principal, needed);
            return principal;
        }, false).onComplete(result -> {
            if (pause) {
                ctx.request().resume();
            }
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            ctx.put(CALLER_KEY, result.result());
            ctx.put(SCOPE_KEY, accessPolicy.scopeOf(result.result()));
            ctx.next();
        });
    }

    private static boolean exceeds(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            // Netty refuses a malformed Content-Length before it gets here; a client cannot get past this way
            return false;
        }
    }

    /** The routes with a path, as registered: what the router serves (and the OpenAPI document must say). */
    private static List<ApiRoute> catalogue(Router router) {
        List<ApiRoute> all = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            // a :param path is matched by a regex but keeps its pattern as its path; only pathRegex routes have none
            if (route.getPath() == null) {
                continue;
            }
            Set<String> methods = new TreeSet<>();
            if (route.methods() != null) {
                for (HttpMethod m : route.methods()) {
                    methods.add(m.name());
                }
            }
            all.add(new ApiRoute(route.getPath(), methods));
        }
        return List.copyOf(all);
    }

    /**
     * A marker per path pattern, before every other route, in registration order: the first that matches a request
     * names its route (a path's fall-back answers for the same pattern, so the first match is the one that runs).
     */
    private static void markRoutePatterns(Router router, List<ApiRoute> routes) {
        Set<String> patterns = new LinkedHashSet<>();
        for (ApiRoute route : routes) {
            patterns.add(route.path());
        }
        int order = MARKER_ORDER;
        for (String pattern : patterns) {
            router.route(pattern).order(order++).handler(ctx -> {
                RequestObservation.of(ctx).matched(pattern);
                ctx.next();
            });
        }
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
