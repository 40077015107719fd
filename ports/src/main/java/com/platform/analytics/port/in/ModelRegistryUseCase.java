package com.platform.analytics.port.in;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The model registry (spec 3.1.4, 4.2.1 {@code ml_model_metadata}): versions, their stages, and the record of changes. */
public interface ModelRegistryUseCase {
    /** Versions, newest first, optionally of one name and/or in one stage. */
    List<ModelVersion> models(Optional<String> name, Optional<ModelStage> stage);

    /**
     * A version by its id; or by a model name: its production version.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code ML_MODEL_NOT_FOUND} (also a name with no
     *     production version)
     */
    ModelVersion model(String nameOrId);

    /**
     * Registers a version in {@code development}: the artifact goes to the object store, then the row to the registry.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code INVALID_REQUEST_BODY} naming the field (a
     *     bad name or version, an artifact that is not a model of its format, a signature that does not match the
     *     artifact); {@code CONFLICT} when the name and version exist
     */
    ModelVersion register(Principal caller, ModelRegistration registration);

    /**
     * Moves a version to another stage. Promoting to {@code production} archives the current production version of the
     * name in the same transaction; every change is recorded. {@code failed} versions can only be archived.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code ML_MODEL_NOT_FOUND};
     *     {@code INVALID_REQUEST_BODY} for a move the stage order does not allow
     */
    ModelVersion changeStage(Principal caller, UUID id, ModelStage to, String reason);

    /**
     * Puts back the version that was in production before the current one; the current one is archived.
     *
     * @return the restored version
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code ML_MODEL_NOT_FOUND} when the name has no
     *     production version or none before it
     */
    ModelVersion rollback(Principal caller, String name, String reason);

    /** Every recorded stage change of a model name, oldest first. */
    List<StageChange> history(String name);

    /**
     * A version to register.
     *
     * @param signature the features and outputs; for ONNX, null takes the artifact's own (an input's columns then
     *     named {@code <input>_<i>}) and a given one must agree with the artifact's inputs, types and widths
     */
    record ModelRegistration(String name, String version, ModelFormat format, String descriptionRu, String descriptionEn,
            String algorithm, Map<String, Object> hyperparameters, Map<String, Object> performanceMetrics,
            String trainingDatasetRef, Instant trainedAt, ModelSignature signature, byte[] artifact) {
        public ModelRegistration {
            requireNonNull(name, "name is null");
            requireNonNull(version, "version is null");
            requireNonNull(format, "format is null");
            hyperparameters = Map.copyOf(hyperparameters);
            performanceMetrics = Map.copyOf(performanceMetrics);
            requireNonNull(artifact, "artifact is null");
        }
    }
}
