package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelSignature;
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
import java.util.EnumMap;
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
 *
 * <p>The built-in formats (the JSON of fitted parameters) are scored by the {@link BuiltInScorer} of their format, which
 * validates the instances itself: their inputs need not be flat rows of features (a list of owned games), so the
 * version's signature only describes them and {@link com.platform.analytics.domain.ml.ModelSignature#validate} is not
 * applied. A built-in format without a scorer here is not served ({@code ML_MODEL_NOT_FOUND}).
 */
public final class PredictionService implements PredictionUseCase {
    private final ModelRegistryStore store;
    private final ModelRuntime runtime;
    private final ObjectStore objects;
    private final OperationalMetrics metrics;
    private final Clock clock;
    private final Map<ModelFormat, BuiltInScorer> scorers = new EnumMap<>(ModelFormat.class);

    /** Serves ONNX versions only. */
    public PredictionService(ModelRegistryStore store, ModelRuntime runtime, ObjectStore objects,
            OperationalMetrics metrics, Clock clock) {
        this(store, runtime, objects, metrics, clock, List.of());
    }

    /**
     * @param scorers at most one per built-in format; ONNX is the runtime's
     */
    @Inject
    public PredictionService(ModelRegistryStore store, ModelRuntime runtime, ObjectStore objects,
            OperationalMetrics metrics, Clock clock, List<BuiltInScorer> scorers) {
        this.store = requireNonNull(store, "store is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        for (BuiltInScorer scorer : requireNonNull(scorers, "scorers is null")) {
            ModelFormat format = requireNonNull(scorer.format(), "a scorer's format is null");
            if (format == ModelFormat.ONNX) {
                throw new IllegalArgumentException("ONNX models are served by the ModelRuntime, not by a scorer");
            }
            if (this.scorers.put(format, scorer) != null) {
                throw new IllegalArgumentException("two scorers for the format " + format.wireName());
            }
        }
    }

    @Override
    public PredictionResult predict(Principal caller, String modelNameOrId, List<?> instances) {
        requireNonNull(caller, "caller is null");
        requireNonNull(modelNameOrId, "modelNameOrId is null");
        requireNonNull(instances, "instances is null");
        ModelVersion version = servable(ModelRegistryService.resolve(store, modelNameOrId));
        BuiltInScorer scorer = scorers.get(version.format());
        Instant start = clock.instant();
        boolean failed = false;
        try {
            // an ONNX model's instances are checked against its signature; a built-in one's by its scorer
            List<InputBatch> batches = null;
            if (scorer == null) {
                batches = version.signature().validate(instances, "/instances");
            } else {
                checkBatchSize(instances);
            }
            try {
                List<InputBatch> inputs = batches;
                List<Map<String, Object>> predictions = scorer == null
                        ? runtime.predict(version.id(), () -> artifact(version), version.signature(), inputs)
                        : scorer.score(version, () -> artifact(version), instances);
                if (predictions.size() != instances.size()) {
                    throw new IllegalStateException(predictions.size() + " predictions for " + instances.size()
                            + " instances");
                }
                return new PredictionResult(version.id(), version.name(), version.version(), predictions);
            } catch (AnalyticsException e) {
                // the runtime's own translation (PREDICTION_FAILED) or the artifact's absence; a runtime or scorer
                // refusing the instances themselves is the request's fault, like the signature's refusal above
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

    /** The batch limits {@link com.platform.analytics.domain.ml.ModelSignature#validate} applies to ONNX requests. */
    private static void checkBatchSize(List<?> instances) {
        if (instances.isEmpty()) {
            throw AnalyticsException.invalidBody("/instances", "no instances to predict");
        }
        if (instances.size() > ModelSignature.MAX_BATCH) {
            throw AnalyticsException.invalidBody("/instances",
                    instances.size() + " instances in one request; at most " + ModelSignature.MAX_BATCH);
        }
    }

    private ModelVersion servable(ModelVersion version) {
        if (version.stage() == ModelStage.FAILED) {
            throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "model '" + version.name() + "' version "
                    + version.version() + " failed in training or evaluation and is never served");
        }
        if (version.format() != ModelFormat.ONNX && !scorers.containsKey(version.format())) {
            throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "model '" + version.name() + "' version "
                    + version.version() + " is a built-in " + version.format().wireName()
                    + " model, which this service does not serve");
        }
        return version;
    }

    private byte[] artifact(ModelVersion version) {
        return objects.get(version.artifactPath()).orElseThrow(() -> new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND,
                "the artifact of model '" + version.name() + "' version " + version.version() + " is missing at "
                        + version.artifactPath()));
    }
}
