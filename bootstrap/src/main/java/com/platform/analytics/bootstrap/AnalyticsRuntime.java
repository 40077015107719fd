package com.platform.analytics.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One running service, on the embedded or the cluster profile: the injector over the profile's modules, and the
 * lifecycle that closes the engines (chDB connections first of all) when the process ends.
 */
final class AnalyticsRuntime implements AutoCloseable {
    private final Lifecycle lifecycle;
    private final Injector injector;

    private AnalyticsRuntime(Lifecycle lifecycle, Injector injector) {
        this.lifecycle = lifecycle;
        this.injector = injector;
    }

    static AnalyticsRuntime start(AnalyticsConfig config, Map<String, String> env) {
        return start(config, env, List.of());
    }

    /**
     * A running service whose published events (embedded profile) reach {@code listeners}: attached before the outbox
     * relay starts, so nothing pending from an earlier run is delivered to nobody.
     */
    static AnalyticsRuntime start(AnalyticsConfig config, Map<String, String> env,
            List<java.util.function.Consumer<com.platform.analytics.domain.publish.OutgoingEvent>> listeners) {
        Lifecycle lifecycle = new Lifecycle();
        try {
            List<Module> modules = new ArrayList<>(List.<Module>of(
                    (Module) binder -> {
                        // strict wiring: every injected type is bound in a module, no proxies for cycles
                        binder.requireExplicitBindings();
                        binder.disableCircularProxies();
                        binder.requireAtInjectOnConstructors();
                        binder.bind(Lifecycle.class).toInstance(lifecycle);
                    },
                    new DomainModule(config, env),
                    new ClickHouseModule(),
                    new PostgresModule(),
                    new ApplicationModule(),
                    new SecurityModule(),
                    new ReidentificationModule(env),
                    new ObservabilityModule(),
                    new SchedulerModule(),
                    new ReportsAndAlertsModule(), new PredictionsModule(),
                    new HttpModule()));
            if (config.surface().grpc() != null) {
                modules.add(new GrpcModule());
            }
            if (config.isCluster()) {
                // servers: ClickHouse over HTTP, an S3 bucket, Kafka in and out
                modules.addAll(List.of(config.cluster().warehouse().inProcess() ? new ChdbModule() : new ClickHouseServerModule(env),
                        new S3ObjectStoreModule(env), new KafkaModule()));
            } else {
                // one process: chDB, a local directory, published events delivered in process
                modules.addAll(List.of(new ChdbModule(), new LocalObjectStoreModule(), new InProcessPublishingModule()));
            }
            Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
            if (!listeners.isEmpty()) {
                com.platform.analytics.application.InProcessEventPublisher inProcess =
                        injector.getInstance(com.platform.analytics.application.InProcessEventPublisher.class);
                listeners.forEach(inProcess::subscribe);
            }
            injector.getInstance(com.platform.analytics.application.OutboxRelay.class).start();
            return new AnalyticsRuntime(lifecycle, injector);
        } catch (RuntimeException e) {
            lifecycle.close();
            throw e;
        }
    }

    <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    @Override
    public void close() {
        lifecycle.close();
    }
}
