package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.http.HttpApiConfig;
import com.platform.analytics.adapter.http.ExperimentEndpoint;
import com.platform.analytics.adapter.http.CohortRetentionEndpoint;
import com.platform.analytics.adapter.http.FunnelsEndpoint;
import com.platform.analytics.adapter.http.PathsEndpoint;
import com.platform.analytics.port.in.CohortRetentionUseCase;
import com.platform.analytics.port.in.PathsUseCase;
import com.platform.analytics.adapter.http.HttpApiServer;
import com.platform.analytics.adapter.http.AlertsEndpoint;
import com.platform.analytics.adapter.http.PipelineRunsEndpoint;
import com.platform.analytics.adapter.http.PredictionsEndpoint;
import com.platform.analytics.adapter.http.ReportSchedulesEndpoint;
import com.platform.analytics.adapter.http.UserPredictionsEndpoint;
import com.platform.analytics.adapter.http.ReportsEndpoint;
import com.platform.analytics.port.in.AlertsUseCase;
import com.platform.analytics.port.in.ReportsUseCase;
import com.platform.analytics.port.in.PipelineRunsUseCase;
import com.platform.analytics.application.MeteredIngestion;
import com.platform.analytics.adapter.http.SegmentExportEndpoint;
import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.port.in.AuthenticationUseCase;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.Tracing;
import com.platform.analytics.port.in.FunnelUseCase;
import com.platform.analytics.adapter.http.RouteGroup;
import com.platform.analytics.adapter.http.SegmentsEndpoint;
import com.platform.analytics.port.in.ExperimentUseCase;
import com.platform.analytics.port.in.ModelRegistryUseCase;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.in.ReportSchedulesUseCase;
import com.platform.analytics.port.in.UserPredictionsUseCase;
import com.platform.analytics.port.in.SegmentsUseCase;
import java.util.List;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;

/** The REST API: ingestion, metrics, the analyses and segments. The server binds its port only when started. */
final class HttpModule extends AbstractModule {
    @Provides
    @Singleton
    HttpApiServer server(AnalyticsConfig config, IngestEventsUseCase ingest, MetricQueriesUseCase metrics,
            FunnelUseCase funnels, CohortRetentionUseCase retention, PathsUseCase paths, ExperimentUseCase experiments,
            SegmentsUseCase segments, OperationalMetrics operational, Tracing tracing, AuthenticationUseCase authentication,
            AccessPolicy accessPolicy, ReidentificationModule.Reidentification reidentification, PipelineRunsUseCase pipelineRuns, ReportsUseCase reports,
            ReportSchedulesUseCase reportSchedules, AlertsUseCase alerts, ModelRegistryUseCase models,
            PredictionUseCase predictions, UserPredictionsUseCase userPredictions, java.time.Clock clock,
            Lifecycle lifecycle) {
        List<RouteGroup> routes = List.of(new FunnelsEndpoint(funnels), new CohortRetentionEndpoint(retention),
                new PathsEndpoint(paths), new ExperimentEndpoint(experiments), new SegmentsEndpoint(segments),
                new SegmentExportEndpoint(reidentification.export()), new PipelineRunsEndpoint(pipelineRuns),
                new ReportsEndpoint(reports), new ReportSchedulesEndpoint(reportSchedules), new AlertsEndpoint(alerts),
                new PredictionsEndpoint(models, predictions), new UserPredictionsEndpoint(userPredictions));
        IngestEventsUseCase metered = new MeteredIngestion(ingest, "http", operational, tracing, clock);
        HttpApiConfig api = new HttpApiConfig(config.host(), config.port(), config.maxBodyBytes());
        if (config.surface().tls() != null) {
            api = api.withTls(config.surface().tls().certFile(), config.surface().tls().keyFile());
        }
        return lifecycle.register(new HttpApiServer(api, metered, metrics, routes, operational, tracing, authentication, accessPolicy));
    }
}
