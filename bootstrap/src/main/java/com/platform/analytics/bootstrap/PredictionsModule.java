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
import com.platform.analytics.application.CachingModelRegistryStore;
import com.platform.analytics.application.ChurnDriftSource;
import com.platform.analytics.application.FraudDriftSource;
import com.platform.analytics.application.GameRecommendationScorer;
import com.platform.analytics.application.IsolationForestScorer;
import com.platform.analytics.application.RecommendationTraining;
import com.platform.analytics.application.SalesForecastScorer;
import com.platform.analytics.application.SalesForecastTraining;
import com.platform.analytics.application.UserPredictionsService;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.port.in.UserPredictionsUseCase;
import com.platform.analytics.application.FraudModelTraining;
import com.platform.analytics.application.FraudScoringJob;
import com.platform.analytics.application.FraudTrainingJob;
import com.platform.analytics.application.ModelDriftJob;
import com.platform.analytics.application.ModelDriftMonitor;
import com.platform.analytics.application.ModelRegistryService;
import com.platform.analytics.application.PredictionService;
import com.platform.analytics.application.ScheduledJob;
import com.platform.analytics.port.in.ModelRegistryUseCase;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.domain.ml.anomaly.IsolationForestSettings;
import com.platform.analytics.port.out.ClassifierTrainer;
import com.platform.analytics.port.out.DeduplicatingOutbox;
import com.platform.analytics.port.out.ModelFeatures;
import com.platform.analytics.port.out.ModelRegistryStore;
import com.platform.analytics.port.out.ModelRuntime;
import com.platform.analytics.port.out.ObjectStore;
import com.platform.analytics.port.out.OperationalMetrics;
import java.time.Clock;
import java.util.List;

/**
 * Predictive analytics (spec 3.1.4): the model registry in the metadata store, artifacts in the object store
 * ({@code ml_models/model_name=<name>/version=<version>/}), ONNX models served by ONNX Runtime with a session per
 * version, closed at shutdown.
 */
final class PredictionsModule extends AbstractModule {
    /** The fraud forests' randomness: fixed, so a retraining on the same data gives the same model. */
    private static final long FRAUD_SEED = 20260301L;

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
        // a prediction's registry reads remembered for a second; this process's own changes forget them at once
        return new CachingModelRegistryStore(new PostgresModelRegistryStore(metadata.dataSource()));
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

    /** The built-in models by real user id: churn risk from the feature table, recommendations without owned games. */
    @Provides
    @Singleton
    UserPredictionsUseCase userPredictions(ChurnScoringService churn, ModelFeatures features, PredictionUseCase predictions,
            Pseudonymizer pseudonymizer, Clock clock) {
        return new UserPredictionsService(churn, features, predictions, pseudonymizer, clock);
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

    /** The fraud scores: isolation forests over payments and users, trained weekly (Monday 03:00 UTC). */
    @Provides
    @Singleton
    FraudModelTraining fraudTraining(ModelFeatures features, ModelRegistryService registry, Clock clock) {
        return new FraudModelTraining(features, registry, clock, IsolationForestSettings.defaults(FRAUD_SEED));
    }

    @ProvidesIntoSet
    ScheduledJob fraudTrainingJob(FraudModelTraining training) {
        return new FraudTrainingJob(training);
    }

    /** Hourly: the last two hours' payments scored; a high score raises alert.triggered once per payment, once per user and day. */
    @ProvidesIntoSet
    ScheduledJob fraudScoringJob(ModelFeatures features, ModelRegistryStore store, ObjectStore objects,
            DeduplicatingOutbox outbox) {
        return new FraudScoringJob(features, store, objects, outbox);
    }

    /** Daily: the population stability of each production model's inputs and predictions against its baseline. */
    @ProvidesIntoSet
    ScheduledJob modelDriftJob(ModelRegistryStore store, ModelFeatures features, ObjectStore objects,
            PredictionUseCase predictions, OperationalMetrics metrics, DeduplicatingOutbox outbox) {
        return new ModelDriftJob(new ModelDriftMonitor(store, List.of(new FraudDriftSource(features, objects),
                new ChurnDriftSource(ChurnModelTraining.MODEL_NAME, features, predictions)), metrics, outbox));
    }

    /** Daily (03:30 UTC): robust trend + season per game and for the platform, promoted when it beats seasonal-naive. */
    @Provides
    @Singleton
    SalesForecastTraining salesForecastTraining(ModelFeatures features, ModelRegistryService registry, Clock clock) {
        return new SalesForecastTraining(features, registry, clock);
    }

    @ProvidesIntoSet
    ScheduledJob salesForecastJob(SalesForecastTraining training) {
        return training;
    }

    /** Weekly (Monday 04:30 UTC): item-item recommendations, promoted when they beat popularity at precision@10. */
    @Provides
    @Singleton
    RecommendationTraining recommendationTraining(ModelFeatures features, ModelRegistryService registry, Clock clock) {
        return new RecommendationTraining(features, registry, clock);
    }

    @ProvidesIntoSet
    ScheduledJob recommendationJob(RecommendationTraining training) {
        return training;
    }

    @Provides
    @Singleton
    PredictionUseCase predictions(ModelRegistryStore store, ModelRuntime runtime, ObjectStore objects,
            OperationalMetrics metrics, Clock clock) {
        // the built-in formats are scored by the domain's own code from their JSON artifacts
        return new PredictionService(store, runtime, objects, metrics, clock,
                List.of(new SalesForecastScorer(), new GameRecommendationScorer(), new IsolationForestScorer()));
    }
}
