package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.platform.analytics.adapter.onnx.OnnxModelRuntime;
import com.platform.analytics.adapter.postgres.PostgresMetadata;
import com.platform.analytics.adapter.postgres.PostgresModelRegistryStore;
import com.platform.analytics.adapter.tribuo.TribuoClassifierTrainer;
import com.platform.analytics.application.ChurnFeatureRefreshJob;
import com.platform.analytics.application.ChurnModelTraining;
import com.platform.analytics.application.ChurnScoringService;
import com.platform.analytics.application.ChurnTrainingJob;
import com.platform.analytics.application.ChurnTrainingSettings;
import com.platform.analytics.application.ModelRegistryService;
import com.platform.analytics.application.PredictionService;
import com.platform.analytics.application.ScheduledJob;
import com.platform.analytics.port.in.ModelRegistryUseCase;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.out.ClassifierTrainer;
import com.platform.analytics.port.out.ModelFeatures;
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

    /** The built-in churn model is a logistic regression trained in the JVM (Tribuo) and exported to ONNX. */
    @Provides
    @Singleton
    ClassifierTrainer classifierTrainer() {
        return new TribuoClassifierTrainer();
    }

    @Provides
    @Singleton
    ChurnModelTraining churnTraining(ModelFeatures features, ClassifierTrainer trainer, ModelRegistryUseCase registry,
            PredictionUseCase predictions, Clock clock) {
        return new ChurnModelTraining(features, trainer, registry, predictions, ChurnTrainingSettings.DEFAULTS, clock);
    }

    @Provides
    @Singleton
    ChurnScoringService churnScoring(ModelFeatures features, ModelRegistryUseCase registry, PredictionUseCase predictions) {
        return new ChurnScoringService(features, registry, predictions);
    }

    /** Weekly (Monday 04:00 UTC): a churn model trained, evaluated, registered and promoted only if it beats production. */
    @ProvidesIntoSet
    ScheduledJob churnTrainingJob(ChurnModelTraining training) {
        return new ChurnTrainingJob(training);
    }

    /** Daily (02:30 UTC): the churn feature table for serving, as of the day. */
    @ProvidesIntoSet
    ScheduledJob churnFeatureRefreshJob(ModelFeatures features) {
        return new ChurnFeatureRefreshJob(features);
    }

    @Provides
    @Singleton
    PredictionUseCase predictions(ModelRegistryStore store, ModelRuntime runtime, ObjectStore objects,
            OperationalMetrics metrics, Clock clock) {
        return new PredictionService(store, runtime, objects, metrics, clock);
    }
}
