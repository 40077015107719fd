package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.postgres.PostgresConfig;
import com.platform.analytics.adapter.postgres.PostgresMetadata;
import com.platform.analytics.port.out.MetricDefinitionStore;
import com.platform.analytics.adapter.postgres.JooqSegmentDefinitions;
import com.platform.analytics.port.out.DeduplicatingOutbox;
import com.platform.analytics.port.out.Outbox;
import com.platform.analytics.port.out.SegmentDefinitionStore;

/**
 * The metadata store: on the embedded profile a PostgreSQL server started by this process, on the cluster profile a
 * PostgreSQL server from the configuration.
 */
final class PostgresModule extends AbstractModule {
    @Provides
    @Singleton
    PostgresMetadata metadata(AnalyticsConfig config, Lifecycle lifecycle) {
        PostgresConfig postgres;
        if (config.isCluster()) {
            ClusterSettings.Metadata m = config.cluster().metadata();
            // the password: the file if one is named, else the environment variable (read by the adapter)
            postgres = PostgresConfig.external(m.jdbcUrl(), m.user(), m.passwordFile(),
                    m.passwordFile() == null ? ClusterSettings.Metadata.PASSWORD_ENV : null).withPoolSize(m.poolSize());
        } else {
            postgres = PostgresConfig.embedded(config.metadataDir(), config.metadataPort());
        }
        return lifecycle.register(PostgresMetadata.open(postgres));
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

    /** Announcements sent once per key (fraud and drift alerts): the same outbox, appending an id at most once. */
    @Provides
    @Singleton
    DeduplicatingOutbox deduplicatingOutbox(PostgresMetadata metadata) {
        return metadata.outbox();
    }

    @Provides
    @Singleton
    SegmentDefinitionStore segmentDefinitions(PostgresMetadata metadata) {
        return new JooqSegmentDefinitions(metadata.dataSource());
    }
}
