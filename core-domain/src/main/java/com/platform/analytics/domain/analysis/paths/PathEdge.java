package com.platform.analytics.domain.analysis.paths;

import static java.util.Objects.requireNonNull;

/** The users whose path goes from node {@code source} to node {@code target} (at the next step). */
public record PathEdge(String source, String target, long users) {
    public PathEdge {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
    }
}
