package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.platform.analytics.application.DeadLetterWriter;
import com.platform.analytics.application.IngestionService;
import com.platform.analytics.application.LakeWriter;
import com.platform.analytics.application.MetricQueryService;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;

/** The use cases. */
final class ApplicationModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(LakeWriter.class).in(Scopes.SINGLETON);
        bind(DeadLetterWriter.class).in(Scopes.SINGLETON);
        bind(IngestEventsUseCase.class).to(IngestionService.class).in(Scopes.SINGLETON);
        bind(MetricQueriesUseCase.class).to(MetricQueryService.class).in(Scopes.SINGLETON);
    }
}
