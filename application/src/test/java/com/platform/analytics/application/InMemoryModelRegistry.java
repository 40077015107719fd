package com.platform.analytics.application;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.port.out.ModelRegistryStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A registry store in memory that keeps the real store's rules: a name and version once, each change of an
 * {@link #apply} only from its expected stage and all or nothing, and at most one production version per name (the
 * real store's unique index: a promotion must archive the current one first). {@link #beforeNextApply} and
 * {@link #beforeEveryApply} let a test make a concurrent change land just before an apply.
 */
final class InMemoryModelRegistry implements ModelRegistryStore {
    private final Map<UUID, ModelVersion> versions = new LinkedHashMap<>();
    private final List<StageChange> changes = new ArrayList<>();
    private final List<Runnable> beforeApply = new ArrayList<>();
    private Runnable beforeEveryApply = () -> { };
    int applyCalls;

    /** Runs {@code change} at the start of the next apply, as another instance's change would. */
    synchronized void beforeNextApply(Runnable change) {
        beforeApply.add(change);
    }

    /** Runs {@code change} at the start of every apply from now on. */
    synchronized void beforeEveryApply(Runnable change) {
        beforeEveryApply = change;
    }

    /** Sets a version's stage directly, as another instance's committed change would. */
    synchronized void force(UUID id, ModelStage stage) {
        ModelVersion v = versions.get(id);
        versions.put(id, v.withStage(stage, v.updatedAt()));
    }

    @Override
    public synchronized void insert(ModelVersion version, StageChange registration) {
        if (find(version.name(), version.version()).isPresent()) {
            throw new AnalyticsException(ErrorCode.CONFLICT, "exists: " + version.name() + " " + version.version());
        }
        versions.put(version.id(), version);
        changes.add(registration);
    }

    @Override
    public synchronized Optional<ModelVersion> find(UUID id) {
        return Optional.ofNullable(versions.get(id));
    }

    @Override
    public synchronized Optional<ModelVersion> find(String name, String version) {
        return versions.values().stream().filter(v -> v.name().equals(name) && v.version().equals(version)).findFirst();
    }

    @Override
    public synchronized List<ModelVersion> list(Optional<String> name, Optional<ModelStage> stage) {
        List<ModelVersion> all = new ArrayList<>(versions.values());
        // newest first; insertion order breaks ties of the same instant
        java.util.Collections.reverse(all);
        return all.stream()
                .filter(v -> name.map(v.name()::equals).orElse(true))
                .filter(v -> stage.map(s -> v.stage() == s).orElse(true))
                .sorted(Comparator.comparing(ModelVersion::createdAt).reversed())
                .toList();
    }

    @Override
    public synchronized Optional<ModelVersion> production(String name) {
        return versions.values().stream().filter(v -> v.name().equals(name) && v.stage() == ModelStage.PRODUCTION)
                .findFirst();
    }

    @Override
    public synchronized boolean apply(List<StageChange> batch) {
        applyCalls++;
        List<Runnable> pending = new ArrayList<>(beforeApply);
        beforeApply.clear();
        pending.forEach(Runnable::run);
        beforeEveryApply.run();
        Map<UUID, ModelVersion> next = new LinkedHashMap<>(versions);
        for (StageChange c : batch) {
            ModelVersion v = next.get(c.modelId());
            if (v == null || v.stage() != c.from()) {
                return false;
            }
            if (c.to() == ModelStage.PRODUCTION && next.values().stream()
                    .anyMatch(o -> o.name().equals(v.name()) && o.stage() == ModelStage.PRODUCTION)) {
                throw new IllegalStateException("a second production version of " + v.name() + " (the unique index)");
            }
            next.put(v.id(), v.withStage(c.to(), c.at()));
        }
        versions.clear();
        versions.putAll(next);
        changes.addAll(batch);
        return true;
    }

    @Override
    public synchronized List<StageChange> history(String name) {
        return changes.stream().filter(c -> c.modelName().equals(name)).toList();
    }
}
