package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.clickhouse.ChdbEngine;
import com.platform.analytics.adapter.clickhouse.ClickHouseConfig;
import com.platform.analytics.adapter.clickhouse.ClickHouseWarehouse;
import com.platform.analytics.port.out.EventWarehouse;
import com.platform.analytics.port.out.MeasureEngine;
import com.platform.analytics.port.out.RetentionEngine;
import com.platform.analytics.port.out.StoredEventKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The warehouse: ClickHouse SQL, run in-process by chDB on the embedded profile. */
final class ClickHouseModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseModule.class);

    /** One warehouse object serves every warehouse port. */
    @Override
    protected void configure() {
        bind(EventWarehouse.class).to(ClickHouseWarehouse.class);
        bind(StoredEventKeys.class).to(ClickHouseWarehouse.class);
        bind(MeasureEngine.class).to(ClickHouseWarehouse.class);
        bind(RetentionEngine.class).to(ClickHouseWarehouse.class);
    }

    @Provides
    @Singleton
    ClickHouseConfig clickHouseConfig(AnalyticsConfig config) {
        return new ClickHouseConfig(config.warehouseDatabase(), config.warehousePoolSize(), config.warehouseDir());
    }

    @Provides
    @Singleton
    ChdbEngine engine(ClickHouseConfig config, Lifecycle lifecycle) {
        // the lifecycle closes it, after the HTTP server that uses it
        return lifecycle.register(ChdbEngine.open(config).closedByOwnerAtExit());
    }

    @Provides
    @Singleton
    ClickHouseWarehouse warehouse(ChdbEngine engine, ClickHouseConfig config) {
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(engine.transport(), config);
        warehouse.migrate();
        // the mart's view commits apart from the rows: a crash between the two leaves the mart short
        long repaired = warehouse.reconcileActivityMart(null);
        if (repaired > 0) {
            LOG.warn("activity mart: {} (day, user, dimensions) groups were missing and have been restored from events", repaired);
        }
        return warehouse;
    }
}
