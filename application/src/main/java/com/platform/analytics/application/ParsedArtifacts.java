package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The parsed artifacts of the latest model versions a {@link BuiltInScorer} served, by version id: an artifact never
 * changes once registered, so parsing it once is enough. Bounded, least recently used first out, because archived
 * versions stay servable by id and would otherwise pile up for the life of the process.
 */
final class ParsedArtifacts<T> {
    private final int capacity;
    private final Map<UUID, T> parsed;

    ParsedArtifacts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.parsed = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * The version's parsed artifact, parsing it on first use. Parsing happens outside the lock (two requests may parse
     * the same new version at once; both get equal results), so a slow parse never holds up other versions.
     */
    T get(UUID versionId, Supplier<T> parse) {
        requireNonNull(versionId, "versionId is null");
        synchronized (parsed) {
            T cached = parsed.get(versionId);
            if (cached != null) {
                return cached;
            }
        }
        T fresh = requireNonNull(parse.get(), "parsed artifact is null");
        synchronized (parsed) {
            parsed.put(versionId, fresh);
            while (parsed.size() > capacity) {
                parsed.remove(parsed.keySet().iterator().next());
            }
        }
        return fresh;
    }
}
