package com.platform.analytics.port.out;

import java.util.List;
import java.util.Optional;

/** Objects under {@code /}-separated keys: the raw lake, dead letters, later reports and model artifacts. */
public interface ObjectStore {
    /** Writes the object; when it returns it is durable. An existing object under the key is replaced. */
    void put(String key, byte[] content);

    Optional<byte[]> get(String key);

    /** Every key that starts with {@code prefix}, in lexical order. */
    List<String> list(String prefix);
}
