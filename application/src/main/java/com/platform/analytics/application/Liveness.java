package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How an instance of the service shows that its unfinished work (queued and generating reports, running pipeline
 * runs) is still alive, so that, with several instances, only the work of a stopped one is recovered: the owner beats on
 * its rows every {@code beatEvery}; a row not beaten on for {@code deadAfter} is abandoned.
 *
 * @param instanceId this instance (host name and process), recorded with what it owns
 */
public record Liveness(String instanceId, Duration beatEvery, Duration deadAfter) {
    public Liveness {
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(beatEvery, "beatEvery is null");
        requireNonNull(deadAfter, "deadAfter is null");
        if (beatEvery.isNegative() || beatEvery.isZero()) {
            throw new IllegalArgumentException("beatEvery must be positive");
        }
        // a few missed beats (a long GC pause, a slow store) must not make live work look abandoned
        if (deadAfter.compareTo(beatEvery.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("deadAfter must be at least three beats (" + beatEvery.multipliedBy(3) + ")");
        }
    }

    /** Beats every 15 s; abandoned after 2 minutes without one. */
    public static Liveness defaults(String instanceId) {
        return new Liveness(instanceId, Duration.ofSeconds(15), Duration.ofMinutes(2));
    }
}
