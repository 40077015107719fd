package com.platform.analytics.adapter.grpc;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.adapter.grpc.v1.IngestionServiceGrpc;
import com.platform.analytics.adapter.grpc.v1.MetricsServiceGrpc;
import com.platform.analytics.adapter.grpc.v1.PredictionsServiceGrpc;
import com.platform.analytics.adapter.grpc.v1.SegmentsServiceGrpc;
import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.port.in.AuthenticationUseCase;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.in.SegmentsUseCase;
import com.platform.analytics.port.out.OperationalMetrics;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC server for internal callers: {@code platform.analytics.v1} metrics, segments, ingestion and predictions behind
 * authentication, plus {@code grpc.health.v1.Health} (SERVING once started, NOT_SERVING while stopping) and server
 * reflection ({@code grpc.reflection.v1}), which need no token. Every call is recorded in the operational metrics.
 */
public final class GrpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);
    private static final List<String> ANALYTICS_SERVICES = List.of(MetricsServiceGrpc.SERVICE_NAME,
            SegmentsServiceGrpc.SERVICE_NAME, IngestionServiceGrpc.SERVICE_NAME, PredictionsServiceGrpc.SERVICE_NAME);

    private final GrpcConfig config;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ExecutorService callExecutor;
    private final Server server;
    private boolean started;

    @Inject
    public GrpcServer(GrpcConfig config, MetricQueriesUseCase metricQueries, SegmentsUseCase segments,
            IngestEventsUseCase ingestEvents, PredictionUseCase predictions, AuthenticationUseCase authentication,
            AccessPolicy accessPolicy, OperationalMetrics metrics) {
        this.config = requireNonNull(config, "config is null");
        requireNonNull(metricQueries, "metricQueries is null");
        requireNonNull(segments, "segments is null");
        requireNonNull(ingestEvents, "ingestEvents is null");
        requireNonNull(predictions, "predictions is null");
        requireNonNull(authentication, "authentication is null");
        requireNonNull(accessPolicy, "accessPolicy is null");
        requireNonNull(metrics, "metrics is null");

        CallerAccess access = new CallerAccess(accessPolicy);
        CallerAuthentication callers = new CallerAuthentication(authentication);
        DeadlineGate deadlines = new DeadlineGate();
        CallMetrics callMetrics = new CallMetrics(metrics);
        AtomicInteger threads = new AtomicInteger();
        this.callExecutor = Executors.newFixedThreadPool(config.callThreads(), r -> {
            Thread t = new Thread(r, "grpc-call-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        this.server = (config.tls() ? NettyServerBuilder.forAddress(address, tlsCredentials(config)) : NettyServerBuilder.forAddress(address))
                .executor(callExecutor)
                .maxInboundMessageSize(config.maxInboundMessageBytes())
                // interceptors run last-listed first: metrics see every call, then expired calls are refused
                // before authentication (which may fetch keys) and before the method
                .addService(analytics(new MetricsGrpcService(metricQueries, access), callers, deadlines, callMetrics))
                .addService(analytics(new SegmentsGrpcService(segments, access), callers, deadlines, callMetrics))
                .addService(analytics(new IngestionGrpcService(ingestEvents, access, config.ingestBatchSize(),
                        config.maxEventsPerCall()), callers, deadlines, callMetrics))
                .addService(analytics(new PredictionsGrpcService(predictions, access), callers, deadlines, callMetrics))
                .addService(ServerInterceptors.intercept(health.getHealthService(), callMetrics))
                .addService(ServerInterceptors.intercept(ProtoReflectionServiceV1.newInstance(), callMetrics))
                .build();
    }

    /** TLS only, from the configured PEM files; unreadable or malformed files fail here, before anything listens. */
    private static ServerCredentials tlsCredentials(GrpcConfig config) {
        try {
            return TlsServerCredentials.create(config.tlsCertFile().toFile(), config.tlsKeyFile().toFile());
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the gRPC TLS certificate " + config.tlsCertFile() + " and key "
                    + config.tlsKeyFile() + ": " + e.getMessage(), e);
        }
    }

    private static ServerServiceDefinition analytics(BindableService service, CallerAuthentication callers,
            DeadlineGate deadlines, CallMetrics callMetrics) {
        return ServerInterceptors.intercept(service, callers, deadlines, callMetrics);
    }

    /** Binds and serves; health turns SERVING. */
    public synchronized GrpcServer start() {
        if (started) {
            throw new IllegalStateException("the gRPC server was started already");
        }
        try {
            server.start();
        } catch (IOException e) {
            callExecutor.shutdownNow();
            throw new UncheckedIOException("the gRPC server cannot listen on " + config.host() + ":" + config.port(), e);
        }
        started = true;
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        for (String service : ANALYTICS_SERVICES) {
            health.setStatus(service, ServingStatus.SERVING);
        }
        LOG.info("gRPC API listening on {}:{}", config.host(), port());
        return this;
    }

    /** The port listened on (the one picked when configured as 0). */
    public int port() {
        return server.getPort();
    }

    /**
     * Stops taking calls, lets those in progress finish for the configured grace, then cancels the rest. Health turns
     * NOT_SERVING first, so balancers that watch it stop sending calls.
     */
    public synchronized void stop() {
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("gRPC calls still running after {}: cancelling them", config.shutdownGrace());
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            callExecutor.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
