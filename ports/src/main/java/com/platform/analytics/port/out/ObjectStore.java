package com.platform.analytics.port.out;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    /**
     * Writes the object from a stream of {@code length} bytes (a report file); when it returns it is durable. This
     * default reads the stream into memory and calls {@link #put(String, byte[])}: a store that can stream (a local
     * file, an S3 multipart upload) overrides it, so large objects are written in bounded memory.
     */
    default void put(String key, InputStream content, long length) {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("object of " + length + " bytes is too large for this store");
        }
        try {
            byte[] bytes = content.readNBytes((int) length);
            if (bytes.length != length) {
                throw new IllegalArgumentException("the stream ended after " + bytes.length + " of " + length + " bytes");
            }
            put(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The object as a stream, to read once and close. This default reads the whole object ({@link #get}); a
     * store that can stream overrides it.
     */
    default Optional<InputStream> open(String key) {
        return get(key).map(java.io.ByteArrayInputStream::new);
    }

    /** Every key that starts with {@code prefix}, in lexical order. */
    List<String> list(String prefix);

    /** Removes the object; a key with no object is no error (deleting twice is deleting once). */
    void delete(String key);
}
