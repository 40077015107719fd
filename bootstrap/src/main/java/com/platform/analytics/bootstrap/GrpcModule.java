package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.grpc.GrpcConfig;
import com.platform.analytics.adapter.grpc.GrpcServer;
import com.platform.analytics.application.MeteredIngestion;
import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.port.in.AuthenticationUseCase;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.in.SegmentsUseCase;
import com.platform.analytics.port.out.OperationalMetrics;

/** gRPC for internal callers (grpc.*): metric values, segment membership and counts, event ingestion,
 * predictions. */
final class GrpcModule extends AbstractModule {
    @Provides
    @Singleton
    GrpcServer server(AnalyticsConfig config, MetricQueriesUseCase metrics, SegmentsUseCase segments, IngestEventsUseCase ingest,
            com.platform.analytics.port.in.PredictionUseCase predictions,
            AuthenticationUseCase authentication, AccessPolicy policy, OperationalMetrics operational,
            com.platform.analytics.port.out.Tracing tracing, java.time.Clock clock, Lifecycle lifecycle) {
        ServiceSurface.Endpoint at = config.surface().grpc();
        GrpcConfig grpc = GrpcConfig.on(at.host(), at.port()).withIngestBatchSize(Math.min(GrpcConfig.DEFAULT_INGEST_BATCH_SIZE,
                config.maxEvents()));
        if (config.surface().tls() != null) {
            grpc = grpc.withTls(config.surface().tls().certFile(), config.surface().tls().keyFile());
        }
        IngestEventsUseCase metered = new MeteredIngestion(ingest, "grpc", operational, tracing, clock);
        GrpcServer server = new GrpcServer(grpc, metrics, segments, metered, predictions, authentication, policy, operational);
        lifecycle.register(server::stop);
        return server;
    }
}
