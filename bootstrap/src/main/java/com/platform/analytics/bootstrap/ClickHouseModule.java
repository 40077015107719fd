package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.clickhouse.ClickHouseConfig;
import com.platform.analytics.adapter.clickhouse.ClickHouseGameCatalog;
import com.platform.analytics.adapter.clickhouse.ClickHouseTransport;
import com.platform.analytics.adapter.clickhouse.ClickHouseWarehouse;
import com.platform.analytics.adapter.clickhouse.ClusterMode;
import com.platform.analytics.adapter.clickhouse.ClickHouseCohortRetention;
import com.platform.analytics.adapter.clickhouse.ClickHouseExperiment;
import com.platform.analytics.adapter.clickhouse.ClickHousePaths;
import com.platform.analytics.port.out.CohortRetentionEngine;
import com.platform.analytics.port.out.PathsEngine;
import com.platform.analytics.adapter.clickhouse.ClickHouseFunnels;
import com.platform.analytics.adapter.clickhouse.ClickHouseModelFeatures;
import com.platform.analytics.port.out.FunnelEngine;
import com.platform.analytics.port.out.ModelFeatures;
import com.platform.analytics.adapter.clickhouse.ClickHouseSegments;
import com.platform.analytics.port.out.EventWarehouse;
import com.platform.analytics.port.out.ExperimentEngine;
import com.platform.analytics.port.out.GameCatalog;
import com.platform.analytics.port.out.SegmentEngine;
import com.platform.analytics.port.out.MeasureEngine;
import com.platform.analytics.port.out.StoredEventKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse: the same ClickHouse SQL on either transport, bound by {@link ChdbModule} (embedded profile, in
 * process) or {@link ClickHouseServerModule} (cluster profile, a server over HTTP).
 */
final class ClickHouseModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseModule.class);

    /** One warehouse object serves every warehouse port. */
    @Override
    protected void configure() {
        bind(EventWarehouse.class).to(ClickHouseWarehouse.class);
        bind(StoredEventKeys.class).to(ClickHouseWarehouse.class);
        bind(MeasureEngine.class).to(ClickHouseWarehouse.class);
        // the analyses: read-only SQL over the warehouse's tables, through the migrated transport
        bind(FunnelEngine.class).to(ClickHouseFunnels.class).in(Scopes.SINGLETON);
        bind(CohortRetentionEngine.class).to(ClickHouseCohortRetention.class).in(Scopes.SINGLETON);
        bind(PathsEngine.class).to(ClickHousePaths.class).in(Scopes.SINGLETON);
        bind(ExperimentEngine.class).to(ClickHouseExperiment.class).in(Scopes.SINGLETON);
        // the built-in models' features, point in time, and the churn feature table
        bind(ModelFeatures.class).to(ClickHouseModelFeatures.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    ClickHouseConfig clickHouseConfig(AnalyticsConfig config) {
        ClusterMode mode = config.isCluster() ? ClusterMode.parse(config.cluster().warehouse().cluster()) : ClusterMode.none();
        return new ClickHouseConfig(config.warehouseDatabase(), config.warehousePoolSize(), config.warehouseDir(), mode);
    }

    /**
     * The transport every adapter of the warehouse uses: the engine's, handed out only after the schema migrations
     * ran, so no reader or writer can reach a table before it exists.
     */
    @Provides
    @Singleton
    ClickHouseTransport migrated(@EngineTransport ClickHouseTransport engine, ClickHouseConfig config) {
        new ClickHouseWarehouse(engine, config).migrate();
        return engine;
    }

    @Provides
    @Singleton
    ClickHouseWarehouse warehouse(ClickHouseTransport transport, ClickHouseConfig config) {
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(transport, config);
        // the mart's view commits apart from the rows: a crash between the two leaves the mart short
        long repaired = warehouse.reconcileActivityMart(null);
        if (repaired > 0) {
            LOG.warn("activity mart: {} (day, user, dimensions) groups were missing and have been restored from events", repaired);
        }
        return warehouse;
    }

    @Provides
    @Singleton
    SegmentEngine segments(ClickHouseTransport transport, ClickHouseConfig config) {
        return new ClickHouseSegments(transport, config.database());
    }

    @Provides
    @Singleton
    GameCatalog games(ClickHouseTransport transport, ClickHouseConfig config) {
        return new ClickHouseGameCatalog(transport, config.database());
    }
}
