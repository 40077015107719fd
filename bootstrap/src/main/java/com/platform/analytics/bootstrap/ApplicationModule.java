package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.platform.analytics.application.DeadLetterWriter;
import com.platform.analytics.application.IngestionService;
import com.platform.analytics.application.LakeWriter;
import com.platform.analytics.application.MetricQueryService;
import com.platform.analytics.application.OutboxRelay;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.out.EventPublisher;
import com.platform.analytics.port.out.Outbox;
import java.time.Clock;

/** The use cases, and the relay that publishes what the outbox holds. */
final class ApplicationModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(LakeWriter.class).in(Scopes.SINGLETON);
        bind(DeadLetterWriter.class).in(Scopes.SINGLETON);
        bind(IngestEventsUseCase.class).to(IngestionService.class).in(Scopes.SINGLETON);
        bind(MetricQueriesUseCase.class).to(MetricQueryService.class).in(Scopes.SINGLETON);
    }

    /** Started with the service; closed before the metadata store it reads (the lifecycle closes in reverse). */
    @Provides
    @Singleton
    OutboxRelay outboxRelay(Outbox outbox, EventPublisher publisher, Clock clock, Lifecycle lifecycle) {
        OutboxRelay relay = lifecycle.register(new OutboxRelay(outbox, publisher, clock, OutboxRelay.Settings.defaults()));
        relay.start();
        return relay;
    }
}
