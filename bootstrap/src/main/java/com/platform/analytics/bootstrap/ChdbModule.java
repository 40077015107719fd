package com.platform.analytics.bootstrap;

import com.platform.analytics.adapter.clickhouse.ChdbParameterizedQueries;
import com.platform.analytics.adapter.clickhouse.ClickHouseReportQueries;
import com.platform.analytics.port.out.ReportQueryEngine;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.clickhouse.ChdbEngine;
import com.platform.analytics.adapter.clickhouse.ClickHouseConfig;
import com.platform.analytics.adapter.clickhouse.ClickHouseTransport;

/** The embedded profile's warehouse engine: ClickHouse in this process (chDB), data under the data directory. */
final class ChdbModule extends AbstractModule {
    @Provides
    @Singleton
    ChdbEngine engine(ClickHouseConfig config, Lifecycle lifecycle) {
        // the lifecycle closes it, after the HTTP server that uses it
        return lifecycle.register(ChdbEngine.open(config).closedByOwnerAtExit());
    }

    @Provides
    @Singleton
    @EngineTransport
    ClickHouseTransport transport(ChdbEngine engine) {
        return engine.transport();
    }

    /** SQL reports run their templates with bound parameters through the engine's sessions. */
    @Provides
    @Singleton
    ReportQueryEngine reportQueries(ChdbEngine engine) {
        return new ClickHouseReportQueries(new ChdbParameterizedQueries(engine));
    }
}
