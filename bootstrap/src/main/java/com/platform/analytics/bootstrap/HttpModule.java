package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.http.HttpApiConfig;
import com.platform.analytics.adapter.http.HttpApiServer;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;

/** The REST API. The server binds its port only when started. */
final class HttpModule extends AbstractModule {
    @Provides
    @Singleton
    HttpApiServer server(AnalyticsConfig config, IngestEventsUseCase ingest, MetricQueriesUseCase metrics, Lifecycle lifecycle) {
        return lifecycle.register(new HttpApiServer(new HttpApiConfig(config.host(), config.port(), config.maxBodyBytes()), ingest, metrics));
    }
}
