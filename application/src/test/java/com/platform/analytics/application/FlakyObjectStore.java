package com.platform.analytics.application;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.out.ObjectStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An object store that refuses writes while told to (a bucket that is down), in front of an in-memory one. */
final class FlakyObjectStore implements ObjectStore {
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private volatile boolean down;
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger writeCalls = new AtomicInteger();

    void down(boolean down) {
        this.down = down;
    }

    int refused() {
        return refused.get();
    }

    /** Calls of put or putAll that wrote. */
    int writeCalls() {
        return writeCalls.get();
    }

    @Override
    public void put(String key, byte[] content) {
        refuseIfDown();
        objects.put(key, content);
        writeCalls.incrementAndGet();
    }

    @Override
    public void putAll(Map<String, byte[]> all) {
        refuseIfDown();
        all.forEach(objects::put);
        writeCalls.incrementAndGet();
    }

    private void refuseIfDown() {
        if (down) {
            refused.incrementAndGet();
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "the bucket is down");
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        return objects.get(key);
    }

    @Override
    public void delete(String key) {
        objects.delete(key);
    }

    @Override
    public List<String> list(String prefix) {
        return objects.list(prefix);
    }
}
