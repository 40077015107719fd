package com.platform.analytics.domain.event;

import static java.util.Objects.requireNonNull;

/** What identifies an event: its {@code source} and {@code id}. A repeat of the pair is a duplicate. */
public record EventKey(String source, String id) {
    public EventKey {
        requireNonNull(source, "source is null");
        requireNonNull(id, "id is null");
    }
}
