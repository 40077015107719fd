package com.platform.analytics.port.out;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Objects under {@code /}-separated keys: the raw lake, dead letters, later reports and model artifacts. */
public interface ObjectStore {
    /** Writes the object; when it returns it is durable. An existing object under the key is replaced. */
    void put(String key, byte[] content);

    /**
     * Writes several objects; when it returns all are durable. Stores make this cheaper than one put each (the
     * local store forces its files in parallel, an S3 store uploads in parallel). Not atomic as a whole: after a
     * failure some objects may exist.
     */
    default void putAll(Map<String, byte[]> objects) {
        objects.forEach(this::put);
    }

    Optional<byte[]> get(String key);

    /** Every key that starts with {@code prefix}, in lexical order. */
    List<String> list(String prefix);
}
