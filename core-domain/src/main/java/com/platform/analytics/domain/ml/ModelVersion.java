package com.platform.analytics.domain.ml;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One registered version of a model (an {@code ml_model_metadata} row). The artifact under {@link #artifactPath} never
 * changes once registered: a new model is a new version, so anything cached by id stays right.
 *
 * @param hyperparameters the training parameters, JSON values
 * @param performanceMetrics the evaluation figures ({@code auc}, {@code log_loss}, {@code mape}, …), JSON values
 * @param registeredBy the registering caller's subject
 * @param trainedAt when it was trained, null when unknown (a brought model)
 */
public record ModelVersion(UUID id, String name, String version, ModelFormat format, String descriptionRu,
        String descriptionEn, String algorithm, Map<String, Object> hyperparameters, String trainingDatasetRef,
        Map<String, Object> performanceMetrics, String artifactPath, ModelStage stage, ModelSignature signature,
        String registeredBy, Instant trainedAt, Instant createdAt, Instant updatedAt) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");

    public ModelVersion {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(version, "version is null");
        requireNonNull(format, "format is null");
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        performanceMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(performanceMetrics));
        requireNonNull(artifactPath, "artifactPath is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(registeredBy, "registeredBy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        if (!validName(name)) {
            throw new IllegalArgumentException("a model name is lower-case letters, digits, '_' and '-': '" + name + "'");
        }
        if (!validVersion(version)) {
            throw new IllegalArgumentException("a model version is letters, digits, '.', '_' and '-' (at most 50): '" + version + "'");
        }
    }

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static boolean validVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    /** Where a version's artifact lives in the object store (spec 4.3): {@code ml_models/model_name=<name>/version=<version>/<file>}. */
    public static String artifactKey(String name, String version, ModelFormat format) {
        return "ml_models/model_name=" + name + "/version=" + version + "/" + format.fileName();
    }

    public ModelVersion withStage(ModelStage next, Instant at) {
        return new ModelVersion(id, name, version, format, descriptionRu, descriptionEn, algorithm, hyperparameters,
                trainingDatasetRef, performanceMetrics, artifactPath, next, signature, registeredBy, trainedAt, createdAt, at);
    }
}
