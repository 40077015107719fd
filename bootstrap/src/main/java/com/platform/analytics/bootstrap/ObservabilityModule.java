package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.platform.analytics.adapter.clickhouse.ClickHouseTransport;
import com.platform.analytics.adapter.metrics.ManagementConfig;
import com.platform.analytics.adapter.metrics.ManagementServer;
import com.platform.analytics.adapter.metrics.PrometheusOperationalMetrics;
import com.platform.analytics.adapter.postgres.PostgresMetadata;
import com.platform.analytics.adapter.tracing.OtelTracing;
import com.platform.analytics.adapter.tracing.TracingConfig;
import com.platform.analytics.port.out.ObjectStore;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.ReadinessCheck;
import com.platform.analytics.port.out.Tracing;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * What operators see (spec 11): Prometheus metrics and the probes on the management port, readiness from the stores
 * answering, and traces exported over OTLP when an endpoint is configured.
 */
final class ObservabilityModule extends AbstractModule {
    @Provides
    @Singleton
    PrometheusOperationalMetrics prometheus() {
        return new PrometheusOperationalMetrics();
    }

    @Provides
    @Singleton
    OperationalMetrics operationalMetrics(PrometheusOperationalMetrics prometheus) {
        return prometheus;
    }

    @Provides
    @Singleton
    Tracing tracing(AnalyticsConfig config, Lifecycle lifecycle) {
        ServiceSurface.Tracing t = config.surface().tracing();
        if (t == null) {
            return Tracing.NONE;
        }
        try {
            return lifecycle.register(new OtelTracing(TracingConfig.forEndpoint(t.otlpEndpoint()).withServiceName(t.serviceName())
                    .withSampleRatio(t.sampleRatio())));
        } catch (IllegalArgumentException e) {
            throw new ConfigLoader.ConfigException("tracing: " + e.getMessage());
        }
    }

    @Provides
    @Singleton
    StartupReadiness startup() {
        return new StartupReadiness();
    }

    @Provides
    @Singleton
    ManagementServer management(AnalyticsConfig config, PrometheusOperationalMetrics metrics, Set<ReadinessCheck> checks,
            Lifecycle lifecycle) {
        ServiceSurface.Endpoint at = config.surface().management();
        return lifecycle.register(new ManagementServer(ManagementConfig.defaults().withAddress(at.host(), at.port()), metrics, checks));
    }

    @ProvidesIntoSet
    ReadinessCheck started(StartupReadiness startup) {
        return startup;
    }

    @ProvidesIntoSet
    ReadinessCheck warehouse(ClickHouseTransport warehouse) {
        return ReadinessCheck.of("warehouse", () -> {
            String one = warehouse.query("SELECT 1", "TabSeparated").strip();
            return one.equals("1") ? Optional.empty() : Optional.of("SELECT 1 answered '" + one + "'");
        });
    }

    @ProvidesIntoSet
    ReadinessCheck metadata(PostgresMetadata metadata) {
        return ReadinessCheck.of("metadata", () -> {
            try (Connection c = metadata.dataSource().getConnection()) {
                return c.isValid(2) ? Optional.empty() : Optional.of("the connection did not validate");
            } catch (SQLException e) {
                return Optional.of("no connection: " + e.getMessage());
            }
        });
    }

    @ProvidesIntoSet
    ReadinessCheck objectStore(ObjectStore lake) {
        return ReadinessCheck.of("lake", () -> {
            lake.get("_readiness/probe");
            return Optional.empty();
        });
    }

}
