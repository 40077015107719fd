package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.clickhouse.ClickHouseHttpConfig;
import com.platform.analytics.adapter.clickhouse.ClickHouseHttpTransport;
import com.platform.analytics.adapter.clickhouse.ClickHouseTransport;
import java.util.Map;

/** The cluster profile's warehouse engine: a ClickHouse server (or cluster) over HTTP. */
final class ClickHouseServerModule extends AbstractModule {
    private final Map<String, String> env;

    ClickHouseServerModule(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Provides
    @Singleton
    @EngineTransport
    ClickHouseTransport transport(AnalyticsConfig config, Lifecycle lifecycle) {
        ClusterSettings.Warehouse w = config.cluster().warehouse();
        String password = Secrets.read(w.passwordFile(), ClusterSettings.Warehouse.PASSWORD_ENV, env).orElse("");
        ClickHouseHttpConfig http = ClickHouseHttpConfig.of(w.url(), config.warehouseDatabase(), w.user(), password)
                .withTimeouts(ClickHouseHttpConfig.DEFAULT_CONNECT_TIMEOUT, w.queryTimeout().plusSeconds(30), w.queryTimeout());
        return lifecycle.register(new ClickHouseHttpTransport(http));
    }
}
