package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.platform.analytics.application.DeadLetterWriter;
import com.platform.analytics.application.IngestionService;
import com.platform.analytics.application.LakeWriter;
import com.platform.analytics.application.MetricQueryService;
import com.platform.analytics.application.CohortRetentionService;
import com.platform.analytics.application.ExperimentService;
import com.platform.analytics.application.PathsService;
import com.platform.analytics.port.in.CohortRetentionUseCase;
import com.platform.analytics.port.in.PathsUseCase;
import com.platform.analytics.application.FunnelService;
import com.platform.analytics.port.in.FunnelUseCase;
import com.platform.analytics.application.OutboxRelay;
import com.platform.analytics.application.SegmentService;
import com.platform.analytics.port.in.ExperimentUseCase;
import com.platform.analytics.port.in.SegmentsUseCase;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.out.EventPublisher;
import com.platform.analytics.adapter.objectstore.LocalFileLakeJournal;
import com.platform.analytics.port.out.LakeJournal;
import com.platform.analytics.port.out.ObjectStore;
import com.platform.analytics.port.out.Outbox;
import com.platform.analytics.domain.event.EventBatchDecoder;
import com.platform.analytics.domain.event.EventValidator;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.domain.fact.FactRowMapper;
import com.platform.analytics.port.out.EventWarehouse;
import com.platform.analytics.port.out.StoredEventKeys;
import com.platform.analytics.application.CachedMetricQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The use cases, and the relay that publishes what the outbox holds. */
final class ApplicationModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(DeadLetterWriter.class).in(Scopes.SINGLETON);
        bind(MetricQueryService.class).in(Scopes.SINGLETON);
        bind(ExperimentUseCase.class).to(ExperimentService.class).in(Scopes.SINGLETON);
        bind(FunnelUseCase.class).to(FunnelService.class).in(Scopes.SINGLETON);
        bind(CohortRetentionUseCase.class).to(CohortRetentionService.class).in(Scopes.SINGLETON);
        bind(PathsUseCase.class).to(PathsService.class).in(Scopes.SINGLETON);
        bind(SegmentsUseCase.class).to(SegmentService.class).in(Scopes.SINGLETON);
    }

    /** Metric values, answered again from memory for {@code metrics.cache_seconds} unless events were stored. */
    @Provides
    @Singleton
    Optional<CachedMetricQueries> metricCache(MetricQueryService metrics, AnalyticsConfig config, Clock clock) {
        return config.metricsCacheSeconds() == 0 ? Optional.empty()
                : Optional.of(new CachedMetricQueries(metrics, Duration.ofSeconds(config.metricsCacheSeconds()), 10_000, clock));
    }

    @Provides
    @Singleton
    MetricQueriesUseCase metricQueries(MetricQueryService metrics, Optional<CachedMetricQueries> cache) {
        return cache.<MetricQueriesUseCase>map(c -> c).orElse(metrics);
    }

    /**
     * The pipeline; with the vault on, it also keeps each pseudonym's real id, encrypted; storing events forgets the
     * cached metric values.
     */
    @Provides
    @Singleton
    IngestEventsUseCase ingestion(EventBatchDecoder decoder, EventValidator validator, Pseudonymizer pseudonymizer,
            FactRowMapper mapper, EventWarehouse warehouse, StoredEventKeys storedKeys, LakeWriter lake,
            DeadLetterWriter deadLetters, Clock clock, ReidentificationModule.Reidentification reidentification,
            Optional<CachedMetricQueries> cache) {
        IngestEventsUseCase pipeline = new IngestionService(decoder, validator, pseudonymizer, mapper, warehouse, storedKeys,
                lake, deadLetters, clock, reidentification.recording());
        return cache.map(c -> c.invalidatingIngestion(pipeline)).orElse(pipeline);
    }

    /**
     * Recovers what the journal kept from the last run, then rolls in the background; registered after the journal
     * and the store it writes to, so it is closed (flushed) before them.
     */
    @Provides
    @Singleton
    LakeWriter lakeWriter(ObjectStore store, LakeJournal journal, Clock clock, AnalyticsConfig config, Lifecycle lifecycle) {
        AnalyticsConfig.LakeRolling r = config.lakeRolling();
        LakeWriter writer = new LakeWriter(store, journal, clock,
                new LakeWriter.Settings(r.maxObjectBytes(), r.maxBufferedBytes(), r.maxAge()));
        writer.recover();
        writer.start();
        return lifecycle.register(writer);
    }

    /** The lake writer's journal, on local disk on both profiles: beside the lake, not in it (the lake lists its root). */
    @Provides
    @Singleton
    LakeJournal lakeJournal(AnalyticsConfig config, Lifecycle lifecycle) {
        return lifecycle.register(new LocalFileLakeJournal(config.lakeJournalDir()));
    }

    /**
     * Started by the runtime once in-process listeners are attached; closed before the metadata store it reads (the
     * lifecycle closes in reverse).
     */
    @Provides
    @Singleton
    OutboxRelay outboxRelay(Outbox outbox, EventPublisher publisher, Clock clock, Lifecycle lifecycle) {
        return lifecycle.register(new OutboxRelay(outbox, publisher, clock, OutboxRelay.Settings.defaults()));
    }
}
