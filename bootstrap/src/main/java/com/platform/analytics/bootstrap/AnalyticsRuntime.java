package com.platform.analytics.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.util.Map;

/**
 * One running service on the embedded profile: the injector over every module, and the lifecycle that closes
 * the engines (chDB connections first of all) when the process ends.
 */
final class AnalyticsRuntime implements AutoCloseable {
    private final Lifecycle lifecycle;
    private final Injector injector;

    private AnalyticsRuntime(Lifecycle lifecycle, Injector injector) {
        this.lifecycle = lifecycle;
        this.injector = injector;
    }

    static AnalyticsRuntime start(AnalyticsConfig config, Map<String, String> env) {
        Lifecycle lifecycle = new Lifecycle();
        try {
            Injector injector = Guice.createInjector(Stage.PRODUCTION,
                    binder -> {
                        // strict wiring: every injected type is bound in a module, no proxies for cycles
                        binder.requireExplicitBindings();
                        binder.disableCircularProxies();
                        binder.requireAtInjectOnConstructors();
                        binder.bind(Lifecycle.class).toInstance(lifecycle);
                    },
                    new DomainModule(config, env),
                    new LocalObjectStoreModule(),
                    new ClickHouseModule(),
                    new PostgresModule(),
                    new ApplicationModule(),
                    new HttpModule());
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
