package com.platform.analytics.port.out;

import com.platform.analytics.domain.event.EventKey;
import java.util.function.Consumer;

/** Every stored event's key, read once to seed the ingestion's in-memory filter of known keys. */
public interface StoredEventKeys {
    /** How many keys are stored. */
    long countKeys();

    /** Calls {@code sink} once per stored key, in no particular order. */
    void forEachKey(Consumer<EventKey> sink);
}
