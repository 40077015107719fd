package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.onnx.OnnxModelRuntime;
import com.platform.analytics.adapter.postgres.PostgresMetadata;
import com.platform.analytics.adapter.postgres.PostgresModelRegistryStore;
import com.platform.analytics.application.ModelRegistryService;
import com.platform.analytics.application.PredictionService;
import com.platform.analytics.port.in.ModelRegistryUseCase;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.out.ModelRegistryStore;
import com.platform.analytics.port.out.ModelRuntime;
import com.platform.analytics.port.out.ObjectStore;
import com.platform.analytics.port.out.OperationalMetrics;
import java.time.Clock;

/**
 * Predictive analytics (spec 3.1.4): the model registry in the metadata store, artifacts in the object store
 * ({@code ml_models/model_name=<name>/version=<version>/}), ONNX models served by ONNX Runtime with a session per
 * version, closed at shutdown.
 */
final class PredictionsModule extends AbstractModule {
    @Provides
    @Singleton
    ModelRuntime modelRuntime(Lifecycle lifecycle) {
        OnnxModelRuntime runtime = new OnnxModelRuntime();
        lifecycle.register(runtime::close);
        return runtime;
    }

    @Provides
    @Singleton
    ModelRegistryStore modelRegistryStore(PostgresMetadata metadata) {
        return new PostgresModelRegistryStore(metadata.dataSource());
    }

    @Provides
    @Singleton
    ModelRegistryService modelRegistryService(ModelRegistryStore store, ModelRuntime runtime, ObjectStore objects, Clock clock) {
        return new ModelRegistryService(store, runtime, objects, clock);
    }

    @Provides
    @Singleton
    ModelRegistryUseCase modelRegistry(ModelRegistryService service) {
        return service;
    }

    @Provides
    @Singleton
    PredictionUseCase predictions(ModelRegistryStore store, ModelRuntime runtime, ObjectStore objects,
            OperationalMetrics metrics, Clock clock) {
        return new PredictionService(store, runtime, objects, metrics, clock);
    }
}
