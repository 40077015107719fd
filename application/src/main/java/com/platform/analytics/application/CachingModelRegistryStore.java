package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.port.out.ModelRegistryStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The registry store with the two reads every prediction makes — a name's production version, a version by id —
 * remembered for a moment, so a prediction does not cost a metadata-store round trip (most of the service's own time for
 * one instance). Every change made through this store (a registration, a stage change) forgets everything at once, so
 * this process serves a promotion from its next request; a change made by another instance of the service is seen
 * within {@code ttl}. Listings and histories are always read from the store.
 */
public final class CachingModelRegistryStore implements ModelRegistryStore {
    /** How long another instance's promotion may go unseen here. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);

    private record Entry<T>(T value, long expiresAt) {
    }

    private final ModelRegistryStore store;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry<Optional<ModelVersion>>> production = new ConcurrentHashMap<>();
    private final Map<UUID, Entry<Optional<ModelVersion>>> byId = new ConcurrentHashMap<>();
    private volatile long generation;

    public CachingModelRegistryStore(ModelRegistryStore store) {
        this(store, DEFAULT_TTL, System::nanoTime);
    }

    CachingModelRegistryStore(ModelRegistryStore store, Duration ttl, LongSupplier nanoTime) {
        this.store = requireNonNull(store, "store is null");
        this.ttlNanos = requireNonNull(ttl, "ttl is null").toNanos();
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    @Override
    public void insert(ModelVersion version, StageChange registration) {
        try {
            store.insert(version, registration);
        } finally {
            forget();
        }
    }

    @Override
    public Optional<ModelVersion> find(UUID id) {
        return cached(byId, id, () -> store.find(id));
    }

    @Override
    public Optional<ModelVersion> find(String name, String version) {
        return store.find(name, version);
    }

    @Override
    public List<ModelVersion> list(Optional<String> name, Optional<ModelStage> stage) {
        return store.list(name, stage);
    }

    @Override
    public Optional<ModelVersion> production(String name) {
        return cached(production, name, () -> store.production(name));
    }

    @Override
    public boolean apply(List<StageChange> changes) {
        try {
            return store.apply(changes);
        } finally {
            forget();
        }
    }

    @Override
    public List<StageChange> history(String name) {
        return store.history(name);
    }

    private void forget() {
        generation++;
        production.clear();
        byId.clear();
    }

    private <K> Optional<ModelVersion> cached(Map<K, Entry<Optional<ModelVersion>>> cache, K key,
            java.util.function.Supplier<Optional<ModelVersion>> read) {
        long now = nanoTime.getAsLong();
        Entry<Optional<ModelVersion>> entry = cache.get(key);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.value();
        }
        long before = generation;
        Optional<ModelVersion> value = read.get();
        // a change made while reading may have been missed by the read: then it is not remembered
        if (generation == before) {
            cache.put(key, new Entry<>(value, now + ttlNanos));
        }
        return value;
    }
}
