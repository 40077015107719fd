package com.platform.analytics.domain.event;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Per-event work of one request spread over the machine's cores. A request of thousands of events is otherwise
 * handled on one thread, which leaves cores idle when requests arrive one at a time (a Kafka consumer, a single
 * HTTP client). Small requests stay on the caller's thread: splitting them costs more than it saves.
 */
public final class Parallel {
    /** Below this many items, work stays on the calling thread. */
    static final int THRESHOLD = 256;

    private Parallel() {
    }

    /** Runs {@code work} for every index in [0, count); each index once, in no particular order. */
    public static void forEachIndex(int count, IntConsumer work) {
        if (count < THRESHOLD) {
            for (int i = 0; i < count; i++) {
                work.accept(i);
            }
        } else {
            IntStream.range(0, count).parallel().forEach(work);
        }
    }
}
