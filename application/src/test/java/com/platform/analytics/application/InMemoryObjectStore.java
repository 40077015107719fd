package com.platform.analytics.application;

import com.platform.analytics.port.out.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** An object store in memory, keys in lexical order like the real ones. */
final class InMemoryObjectStore implements ObjectStore {
    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] content) {
        objects.put(key, content.clone());
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : objects.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            out.add(e.getKey());
        }
        return out;
    }
}
