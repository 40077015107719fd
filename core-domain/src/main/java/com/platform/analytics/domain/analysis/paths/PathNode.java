package com.platform.analytics.domain.analysis.paths;

import static java.util.Objects.requireNonNull;

/** The users whose path has {@code event} (or {@link PathsQuery#OTHER}) at {@code step}; id {@code "<step>:<event>"}. */
public record PathNode(int step, String event, long users) {
    public PathNode {
        requireNonNull(event, "event is null");
    }

    public String id() {
        return id(step, event);
    }

    public static String id(int step, String event) {
        return step + ":" + event;
    }
}
