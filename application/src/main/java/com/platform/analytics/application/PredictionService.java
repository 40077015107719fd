package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.port.in.PredictionUseCase;
import com.platform.analytics.port.out.ModelRegistryStore;
import com.platform.analytics.port.out.ModelRuntime;
import com.platform.analytics.port.out.ObjectStore;
import com.platform.analytics.port.out.OperationalMetrics;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@link PredictionUseCase}: the version is resolved in the registry (a name's production version, or any version by
 * id but a failed one), the instances are checked against its signature, and the {@link ModelRuntime} scores them,
 * loading the artifact from the object store only when it has no session for the version yet.
 *
 * <p>Serving by id includes archived versions, so a past prediction can be reproduced with the very version that made
 * it; a {@code failed} version is never served. Every call that reached a version is counted per model and version
 * ({@link OperationalMetrics#prediction}); it counts as failed when the model could not answer (its artifact missing,
 * the runtime failing), not when the request's instances were refused: those say nothing about the model.
 */
public final class PredictionService implements PredictionUseCase {
    private final ModelRegistryStore store;
    private final ModelRuntime runtime;
    private final ObjectStore objects;
    private final OperationalMetrics metrics;
    private final Clock clock;

    @Inject
    public PredictionService(ModelRegistryStore store, ModelRuntime runtime, ObjectStore objects,
            OperationalMetrics metrics, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public PredictionResult predict(Principal caller, String modelNameOrId, List<?> instances) {
        requireNonNull(caller, "caller is null");
        requireNonNull(modelNameOrId, "modelNameOrId is null");
        requireNonNull(instances, "instances is null");
        ModelVersion version = servable(ModelRegistryService.resolve(store, modelNameOrId));
        Instant start = clock.instant();
        boolean failed = false;
        try {
            List<InputBatch> batches = version.signature().validate(instances, "/instances");
            try {
                List<Map<String, Object>> predictions = runtime.predict(version.id(), () -> artifact(version),
                        version.signature(), batches);
                return new PredictionResult(version.id(), version.name(), version.version(), predictions);
            } catch (AnalyticsException e) {
                // the runtime's own translation (PREDICTION_FAILED) or the artifact's absence; a runtime refusing the
                // instances themselves is the request's fault, like the signature's refusal above
                failed = e.code() != ErrorCode.INVALID_REQUEST_BODY;
                throw e;
            } catch (RuntimeException e) {
                failed = true;
                throw new AnalyticsException(ErrorCode.PREDICTION_FAILED, "model '" + version.name() + "' version "
                        + version.version() + " failed to predict: " + e, null, null, e);
            }
        } finally {
            metrics.prediction(version.name(), version.version(), Duration.between(start, clock.instant()), failed);
        }
    }

    private static ModelVersion servable(ModelVersion version) {
        if (version.stage() == ModelStage.FAILED) {
            throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "model '" + version.name() + "' version "
                    + version.version() + " failed in training or evaluation and is never served");
        }
        if (version.format() != ModelFormat.ONNX) {
            throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "model '" + version.name() + "' version "
                    + version.version() + " is a built-in " + version.format().wireName()
                    + " model, which is not served through predictions");
        }
        return version;
    }

    private byte[] artifact(ModelVersion version) {
        return objects.get(version.artifactPath()).orElseThrow(() -> new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND,
                "the artifact of model '" + version.name() + "' version " + version.version() + " is missing at "
                        + version.artifactPath()));
    }
}
