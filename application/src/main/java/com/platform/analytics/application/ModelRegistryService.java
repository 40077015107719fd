package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.port.in.ModelRegistryUseCase;
import com.platform.analytics.port.out.ModelRegistryStore;
import com.platform.analytics.port.out.ModelRuntime;
import com.platform.analytics.port.out.ObjectStore;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link ModelRegistryUseCase}: versions in the {@link ModelRegistryStore}, artifacts in the {@link ObjectStore} under
 * {@link ModelVersion#artifactKey}, ONNX artifacts inspected by the {@link ModelRuntime} before they are accepted.
 *
 * <p>Stage changes are compare-and-set: every change names the stage the version is expected to be in, and the store
 * applies a promotion (the current production version archived, the new one in production) all or nothing. A change
 * that lost a race with another is re-read and retried a few times, then refused with {@code CONFLICT}.
 */
public final class ModelRegistryService implements ModelRegistryUseCase {
    /** How often a stage change that lost a race is re-read and tried again. */
    static final int STAGE_CHANGE_ATTEMPTS = 3;

    private static final int MAX_ALGORITHM = 100;
    private static final int MAX_DATASET_REF = 1024;

    /** Which stage may follow which; the same stage again is no change. */
    private static final Map<ModelStage, Set<ModelStage>> NEXT = new EnumMap<>(Map.of(
            ModelStage.DEVELOPMENT, EnumSet.of(ModelStage.STAGING, ModelStage.PRODUCTION, ModelStage.ARCHIVED, ModelStage.FAILED),
            ModelStage.STAGING, EnumSet.of(ModelStage.PRODUCTION, ModelStage.DEVELOPMENT, ModelStage.ARCHIVED, ModelStage.FAILED),
            // out of production only into the archive: by the promotion of another version or an explicit archiving
            ModelStage.PRODUCTION, EnumSet.of(ModelStage.ARCHIVED),
            // an archived version can come back (a rollback, a re-promotion)
            ModelStage.ARCHIVED, EnumSet.of(ModelStage.STAGING, ModelStage.PRODUCTION),
            ModelStage.FAILED, EnumSet.of(ModelStage.ARCHIVED)));

    /** A canonical UUID; {@link UUID#fromString} also takes forms like {@code a-b-c-d-e}, which is a valid model name. */
    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ModelRegistryStore store;
    private final ModelRuntime runtime;
    private final ObjectStore objects;
    private final Clock clock;

    @Inject
    public ModelRegistryService(ModelRegistryStore store, ModelRuntime runtime, ObjectStore objects, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<ModelVersion> models(Optional<String> name, Optional<ModelStage> stage) {
        return store.list(requireNonNull(name, "name is null"), requireNonNull(stage, "stage is null"));
    }

    @Override
    public ModelVersion model(String nameOrId) {
        return resolve(store, nameOrId);
    }

    /**
     * A version by its id (a canonical UUID), else a name's production version; shared with {@link PredictionService}.
     * A UUID-shaped string that is no version's id is tried as a name too, since a name may look like one.
     */
    static ModelVersion resolve(ModelRegistryStore store, String nameOrId) {
        requireNonNull(nameOrId, "nameOrId is null");
        if (UUID_FORM.matcher(nameOrId).matches()) {
            Optional<ModelVersion> byId = store.find(UUID.fromString(nameOrId));
            if (byId.isPresent()) {
                return byId.get();
            }
            if (!ModelVersion.validName(nameOrId)) {
                throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no model version has the id " + nameOrId);
            }
        }
        if (!ModelVersion.validName(nameOrId)) {
            throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no model is named '" + nameOrId
                    + "' (a model name is lower-case letters, digits, '_' and '-'; a version id is a UUID)");
        }
        return store.production(nameOrId).orElseThrow(() -> {
            if (store.list(Optional.of(nameOrId), Optional.empty()).isEmpty()) {
                return new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no model is named '" + nameOrId + "'");
            }
            return new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "model '" + nameOrId
                    + "' has versions but none in production; promote one, or name a version by its id");
        });
    }

    /**
     * Registers a brought (or exported) ONNX model: the runtime inspects the artifact, and a given signature must agree
     * with what it finds. The built-in formats are registered by their trainers through {@link #registerBuiltIn}.
     */
    @Override
    public ModelVersion register(Principal caller, ModelRegistration registration) {
        requireNonNull(caller, "caller is null");
        requireNonNull(registration, "registration is null");
        checkNameAndVersion(registration);
        if (registration.format() != ModelFormat.ONNX) {
            throw AnalyticsException.invalidBody("/format", "only ONNX models are registered here; the built-in formats ("
                    + Arrays.stream(ModelFormat.values()).filter(f -> f != ModelFormat.ONNX).map(ModelFormat::wireName)
                            .collect(Collectors.joining(", "))
                    + ") are registered by their trainers");
        }
        refuseExisting(registration);
        ModelSignature inspected = runtime.inspect(registration.artifact());
        ModelSignature signature = registration.signature() == null ? inspected
                : agreed(registration.signature(), inspected);
        return store(caller, registration, signature);
    }

    /**
     * Registers a model a built-in trainer made, of any format. An ONNX one goes through {@link #register} like any
     * other; for the other formats (the JSON of fitted parameters, scored by the domain's own code) nothing can inspect
     * the artifact, so the trainer's signature is taken as it is: this is for trainers in this process, never for
     * what a request brings.
     *
     * @throws AnalyticsException {@code INVALID_REQUEST_BODY} for a bad name or version, or no signature;
     *     {@code CONFLICT} when the name and version exist
     */
    public ModelVersion registerBuiltIn(Principal caller, ModelRegistration registration) {
        requireNonNull(caller, "caller is null");
        requireNonNull(registration, "registration is null");
        if (registration.format() == ModelFormat.ONNX) {
            return register(caller, registration);
        }
        checkNameAndVersion(registration);
        if (registration.signature() == null) {
            throw AnalyticsException.invalidBody("/signature", "a " + registration.format().wireName()
                    + " model needs its signature: nothing can read one from its artifact");
        }
        refuseExisting(registration);
        return store(caller, registration, registration.signature());
    }

    private static void checkNameAndVersion(ModelRegistration r) {
        if (!ModelVersion.validName(r.name())) {
            throw AnalyticsException.invalidBody("/name", "a model name is a lower-case letter, then up to 127 lower-case"
                    + " letters, digits, '_' and '-': not '" + r.name() + "'");
        }
        if (!ModelVersion.validVersion(r.version())) {
            throw AnalyticsException.invalidBody("/version", "a model version is a letter or digit, then up to 49 letters,"
                    + " digits, '.', '_' and '-': not '" + r.version() + "'");
        }
        // the widths of ml_model_metadata's columns (spec 4.2.1): refused here rather than failing in the store
        if (r.algorithm() != null && r.algorithm().length() > MAX_ALGORITHM) {
            throw AnalyticsException.invalidBody("/algorithm", "an algorithm is named in at most " + MAX_ALGORITHM
                    + " characters");
        }
        if (r.trainingDatasetRef() != null && r.trainingDatasetRef().length() > MAX_DATASET_REF) {
            throw AnalyticsException.invalidBody("/trainingDatasetRef", "a training data set reference is at most "
                    + MAX_DATASET_REF + " characters");
        }
    }

    /**
     * Refuses a name and version that exist before their artifact is written, so an existing version's artifact is
     * not replaced; the store's unique constraint remains the final word for registrations racing each other.
     */
    private void refuseExisting(ModelRegistration r) {
        if (store.find(r.name(), r.version()).isPresent()) {
            throw exists(r);
        }
    }

    private static AnalyticsException exists(ModelRegistration r) {
        return new AnalyticsException(ErrorCode.CONFLICT, "model '" + r.name() + "' has a version '" + r.version()
                + "' already; a changed model is registered as a new version", null, "/version", null);
    }

    /**
     * The given signature when it describes the artifact: the same inputs (by name) with the same types and widths,
     * and outputs the artifact has, of the same types and widths. Its feature and label names are kept: that is what
     * a given signature is for. Given no outputs, the artifact's are taken.
     */
    private static ModelSignature agreed(ModelSignature given, ModelSignature inspected) {
        Map<String, ModelInput> actualInputs = inspected.inputs().stream()
                .collect(Collectors.toMap(ModelInput::name, i -> i));
        for (int i = 0; i < given.inputs().size(); i++) {
            ModelInput in = given.inputs().get(i);
            ModelInput actual = actualInputs.get(in.name());
            String at = "/signature/inputs/" + i;
            if (actual == null) {
                throw AnalyticsException.invalidBody(at, "the model has no input '" + in.name() + "'; its inputs: "
                        + names(inspected.inputs().stream().map(ModelInput::name).toList()));
            }
            if (actual.type() != in.type()) {
                throw AnalyticsException.invalidBody(at, "input '" + in.name() + "' of the model holds "
                        + actual.type().wireName() + ", not " + in.type().wireName());
            }
            if (actual.features().size() != in.features().size()) {
                throw AnalyticsException.invalidBody(at, "input '" + in.name() + "' of the model has "
                        + actual.features().size() + " columns; the signature names " + in.features().size() + " features");
            }
        }
        if (given.inputs().size() != inspected.inputs().size()) {
            List<String> missing = new ArrayList<>(actualInputs.keySet());
            missing.removeAll(given.inputs().stream().map(ModelInput::name).toList());
            throw AnalyticsException.invalidBody("/signature/inputs", "the signature leaves out input(s) "
                    + names(missing.stream().sorted().toList()) + " the model needs");
        }
        if (given.outputs().isEmpty()) {
            return new ModelSignature(given.inputs(), inspected.outputs());
        }
        Map<String, ModelOutput> actualOutputs = inspected.outputs().stream()
                .collect(Collectors.toMap(ModelOutput::name, o -> o));
        for (int i = 0; i < given.outputs().size(); i++) {
            ModelOutput out = given.outputs().get(i);
            ModelOutput actual = actualOutputs.get(out.name());
            String at = "/signature/outputs/" + i;
            if (actual == null) {
                throw AnalyticsException.invalidBody(at, "the model has no output '" + out.name() + "'; its outputs: "
                        + names(inspected.outputs().stream().map(ModelOutput::name).toList()));
            }
            if (actual.type() != out.type()) {
                throw AnalyticsException.invalidBody(at, "output '" + out.name() + "' of the model holds "
                        + actual.type().wireName() + ", not " + out.type().wireName());
            }
            if (actual.labels().size() != out.labels().size()) {
                throw AnalyticsException.invalidBody(at, "output '" + out.name() + "' of the model has "
                        + (actual.labels().isEmpty() ? "one value" : actual.labels().size() + " columns")
                        + " per instance; the signature names " + out.labels().size() + " labels");
            }
        }
        return given;
    }

    private static String names(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    private ModelVersion store(Principal caller, ModelRegistration r, ModelSignature signature) {
        Instant now = clock.instant();
        String key = ModelVersion.artifactKey(r.name(), r.version(), r.format());
        ModelVersion version = new ModelVersion(UUID.randomUUID(), r.name(), r.version(), r.format(), r.descriptionRu(),
                r.descriptionEn(), r.algorithm(), r.hyperparameters(), r.trainingDatasetRef(), r.performanceMetrics(), key,
                ModelStage.DEVELOPMENT, signature, caller.subject(), r.trainedAt(), now, now);
        // the artifact first: a row never points at nothing. If the insert then fails the artifact stays behind with no
        // row (a later registration of the same version overwrites it); it is not deleted, since after a lost commit
        // acknowledgement the row may exist after all
        objects.put(key, r.artifact());
        store.insert(version, new StageChange(version.id(), version.name(), version.version(), null,
                ModelStage.DEVELOPMENT, caller.subject(), "registered", now));
        return version;
    }

    @Override
    public ModelVersion changeStage(Principal caller, UUID id, ModelStage to, String reason) {
        requireNonNull(caller, "caller is null");
        requireNonNull(id, "id is null");
        requireNonNull(to, "to is null");
        for (int attempt = 0; attempt < STAGE_CHANGE_ATTEMPTS; attempt++) {
            ModelVersion version = store.find(id).orElseThrow(
                    () -> new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no model version has the id " + id));
            if (version.stage() == to) {
                return version;
            }
            if (!NEXT.get(version.stage()).contains(to)) {
                throw AnalyticsException.invalidBody("/stage", "a version in " + version.stage().wireName() + " can move to "
                        + NEXT.get(version.stage()).stream().map(ModelStage::wireName).collect(Collectors.joining(", "))
                        + "; not to " + to.wireName());
            }
            Instant now = clock.instant();
            List<StageChange> changes = new ArrayList<>(2);
            Optional<ModelVersion> replaced = Optional.empty();
            if (to == ModelStage.PRODUCTION) {
                // the store lets one version per name be in production: the current one leaves first
                replaced = store.production(version.name());
                replaced.ifPresent(current -> changes.add(change(current, ModelStage.ARCHIVED, caller, now,
                        "replaced by version " + version.version() + suffix(reason))));
            }
            changes.add(change(version, to, caller, now, reason));
            if (store.apply(changes)) {
                replaced.ifPresent(r -> runtime.evict(r.id()));
                if (to == ModelStage.ARCHIVED || to == ModelStage.FAILED) {
                    runtime.evict(version.id());
                }
                return version.withStage(to, now);
            }
        }
        throw new AnalyticsException(ErrorCode.CONFLICT, "model version " + id + " (or the production version it would"
                + " replace) kept changing concurrently; read it again and retry");
    }

    @Override
    public ModelVersion rollback(Principal caller, String name, String reason) {
        requireNonNull(caller, "caller is null");
        requireNonNull(name, "name is null");
        for (int attempt = 0; attempt < STAGE_CHANGE_ATTEMPTS; attempt++) {
            ModelVersion current = store.production(name).orElseThrow(() -> new AnalyticsException(
                    ErrorCode.ML_MODEL_NOT_FOUND, "model '" + name + "' has no production version to roll back"));
            ModelVersion previous = previousProduction(current).orElseThrow(() -> new AnalyticsException(
                    ErrorCode.ML_MODEL_NOT_FOUND, "model '" + name + "' had no production version before version "
                            + current.version() + " that could come back (one now archived)"));
            Instant now = clock.instant();
            List<StageChange> changes = List.of(
                    change(current, ModelStage.ARCHIVED, caller, now, "rolled back to version " + previous.version()
                            + suffix(reason)),
                    change(previous, ModelStage.PRODUCTION, caller, now, "rollback from version " + current.version()
                            + suffix(reason)));
            if (store.apply(changes)) {
                runtime.evict(current.id());
                return previous.withStage(ModelStage.PRODUCTION, now);
            }
        }
        throw new AnalyticsException(ErrorCode.CONFLICT, "the production version of model '" + name
                + "' kept changing concurrently; look again and retry");
    }

    /**
     * The version in production before {@code current}: the latest other version moved to production, when it is now
     * archived (one since moved to staging or failed is not brought back behind its owner's back).
     */
    private Optional<ModelVersion> previousProduction(ModelVersion current) {
        List<StageChange> history = store.history(current.name());
        Set<UUID> looked = new HashSet<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            StageChange c = history.get(i);
            if (c.to() != ModelStage.PRODUCTION || c.modelId().equals(current.id()) || !looked.add(c.modelId())) {
                continue;
            }
            Optional<ModelVersion> candidate = store.find(c.modelId());
            if (candidate.isPresent() && candidate.get().stage() == ModelStage.ARCHIVED) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<StageChange> history(String name) {
        requireNonNull(name, "name is null");
        List<StageChange> history = store.history(name);
        if (history.isEmpty()) {
            // every version's registration is recorded, so no change means no such model
            throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no model is named '" + name + "'");
        }
        return history;
    }

    private static StageChange change(ModelVersion v, ModelStage to, Principal caller, Instant at, String reason) {
        return new StageChange(v.id(), v.name(), v.version(), v.stage(), to, caller.subject(), reason, at);
    }

    private static String suffix(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }
}
