package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.port.in.ModelRegistryUseCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An in-memory registry with the use case's rules that the endpoint relies on: versions newest first, a name's
 * production version, one production version per name (promoting archives the previous one), rollback to the
 * previous production version, every change recorded. A registration without a signature gets one input
 * {@code input} with the feature {@code input_0}, as an ONNX model with one column would.
 */
final class FakeModelRegistry implements ModelRegistryUseCase {
    final List<ModelVersion> versions = new ArrayList<>();
    final List<StageChange> changes = new ArrayList<>();
    final List<ModelRegistration> registrations = new ArrayList<>();
    final List<String> actors = new ArrayList<>();
    private long clock = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

    @Override
    public synchronized List<ModelVersion> models(Optional<String> name, Optional<ModelStage> stage) {
        return versions.stream()
                .filter(v -> name.map(v.name()::equals).orElse(true))
                .filter(v -> stage.map(s -> v.stage() == s).orElse(true))
                .sorted(Comparator.comparing(ModelVersion::createdAt).reversed())
                .toList();
    }

    @Override
    public synchronized ModelVersion model(String nameOrId) {
        return versions.stream()
                .filter(v -> v.id().toString().equals(nameOrId) || (v.name().equals(nameOrId) && v.stage() == ModelStage.PRODUCTION))
                .findFirst()
                .orElseThrow(() -> new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no model " + nameOrId));
    }

    @Override
    public synchronized ModelVersion register(Principal caller, ModelRegistration r) {
        registrations.add(r);
        actors.add(caller.subject());
        ModelSignature signature = r.signature() != null ? r.signature() : new ModelSignature(
                List.of(new ModelInput("input", TensorType.FLOAT, List.of("input_0"))),
                List.of(new ModelOutput("score", TensorType.FLOAT, List.of())));
        Instant now = tick();
        ModelVersion v = new ModelVersion(UUID.randomUUID(), r.name(), r.version(), r.format(), r.descriptionRu(),
                r.descriptionEn(), r.algorithm(), r.hyperparameters(), r.trainingDatasetRef(), r.performanceMetrics(),
                ModelVersion.artifactKey(r.name(), r.version(), r.format()), ModelStage.DEVELOPMENT, signature,
                caller.subject(), r.trainedAt(), now, now);
        versions.add(v);
        changes.add(new StageChange(v.id(), v.name(), v.version(), null, ModelStage.DEVELOPMENT, caller.subject(), "registered", now));
        return v;
    }

    @Override
    public synchronized ModelVersion changeStage(Principal caller, UUID id, ModelStage to, String reason) {
        ModelVersion v = versions.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no model version " + id));
        if (to == ModelStage.PRODUCTION) {
            versions.stream().filter(m -> m.name().equals(v.name()) && m.stage() == ModelStage.PRODUCTION).toList()
                    .forEach(old -> move(caller, old, ModelStage.ARCHIVED, "replaced by " + v.version()));
        }
        return move(caller, v, to, reason);
    }

    @Override
    public synchronized ModelVersion rollback(Principal caller, String name, String reason) {
        ModelVersion current = model(name);
        // the version that was in production before the current one: the last promoted before it
        List<StageChange> promotions = changes.stream()
                .filter(c -> c.modelName().equals(name) && c.to() == ModelStage.PRODUCTION && !c.modelId().equals(current.id()))
                .toList();
        if (promotions.isEmpty()) {
            throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "nothing to roll back to for " + name);
        }
        UUID previous = promotions.get(promotions.size() - 1).modelId();
        move(caller, current, ModelStage.ARCHIVED, reason);
        ModelVersion restored = versions.stream().filter(m -> m.id().equals(previous)).findFirst().orElseThrow();
        return move(caller, restored, ModelStage.PRODUCTION, reason);
    }

    @Override
    public synchronized List<StageChange> history(String name) {
        return changes.stream().filter(c -> c.modelName().equals(name)).toList();
    }

    private ModelVersion move(Principal caller, ModelVersion v, ModelStage to, String reason) {
        Instant now = tick();
        ModelVersion moved = v.withStage(to, now);
        versions.set(versions.indexOf(v), moved);
        changes.add(new StageChange(v.id(), v.name(), v.version(), v.stage(), to, caller.subject(), reason, now));
        return moved;
    }

    private Instant tick() {
        clock += 1000;
        return Instant.ofEpochMilli(clock);
    }
}
