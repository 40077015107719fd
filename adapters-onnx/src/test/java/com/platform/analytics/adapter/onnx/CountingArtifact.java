package com.platform.analytics.adapter.onnx;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** An artifact store of one model that counts how often the runtime fetched it, that is, loaded a session. */
final class CountingArtifact implements Supplier<byte[]> {
    private final byte[] bytes;
    private final AtomicInteger fetches = new AtomicInteger();

    CountingArtifact(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    @Override
    public byte[] get() {
        fetches.incrementAndGet();
        return bytes.clone();
    }

    int fetches() {
        return fetches.get();
    }
}
