package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.postgres.PostgresConfig;
import com.platform.analytics.adapter.postgres.PostgresMetadata;
import com.platform.analytics.port.out.MetricDefinitionStore;
import com.platform.analytics.port.out.Outbox;

/** The metadata store: on the embedded profile a PostgreSQL server started by this process. */
final class PostgresModule extends AbstractModule {
    @Provides
    @Singleton
    PostgresMetadata metadata(AnalyticsConfig config, Lifecycle lifecycle) {
        return lifecycle.register(PostgresMetadata.open(PostgresConfig.embedded(config.metadataDir(), config.metadataPort())));
    }

    @Provides
    @Singleton
    MetricDefinitionStore metricDefinitions(PostgresMetadata metadata) {
        return metadata.metricDefinitions();
    }

    @Provides
    @Singleton
    Outbox outbox(PostgresMetadata metadata) {
        return metadata.outbox();
    }
}
