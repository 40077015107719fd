package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentType;
import com.platform.analytics.port.in.SegmentsUseCase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refreshes dynamic segments when their cron schedule is due: a segment is due when its schedule fires after
 * its latest snapshot (or its creation, or its latest failed attempt, so a failing segment waits for its next
 * scheduled time instead of retrying every round) and at or before now. One thread checks every {@code tick};
 * {@link #runDue()} is one check, callable directly (tests drive it with their own clock).
 */
public final class SegmentRefreshScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SegmentRefreshScheduler.class.getName());

    private final SegmentsUseCase segments;
    private final Clock clock;
    private final Duration tick;
    private final Map<UUID, Instant> attempts = new ConcurrentHashMap<>();
    private Thread thread;
    private volatile boolean running;

    @Inject
    public SegmentRefreshScheduler(SegmentsUseCase segments, Clock clock) {
        this(segments, clock, Duration.ofSeconds(30));
    }

    public SegmentRefreshScheduler(SegmentsUseCase segments, Clock clock, Duration tick) {
        this.segments = requireNonNull(segments, "segments is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tick = requireNonNull(tick, "tick is null");
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive, got " + tick);
        }
    }

    /** Refreshes every segment that is due now; returns their ids. A failure of one does not stop the others. */
    public List<UUID> runDue() {
        Instant now = clock.instant();
        List<UUID> refreshed = new ArrayList<>();
        for (SegmentDefinition segment : segments.definitions()) {
            if (segment.type() != SegmentType.DYNAMIC || segment.draft().refreshSchedule() == null) {
                continue;
            }
            Instant since = latest(segment.createdAt(), segment.lastCalculatedAt(), attempts.get(segment.id()));
            Optional<Instant> due = segment.draft().refreshSchedule().next(since);
            if (due.isEmpty() || due.get().isAfter(now)) {
                continue;
            }
            attempts.put(segment.id(), now);
            try {
                segments.refresh(segment.id());
                refreshed.add(segment.id());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "scheduled refresh of segment " + segment.name() + " failed", e);
            }
        }
        return refreshed;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "segment-refresh");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                runDue();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "segment refresh round failed", e);
            }
            try {
                Thread.sleep(tick.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant m = a;
        if (b != null && b.isAfter(m)) {
            m = b;
        }
        if (c != null && c.isAfter(m)) {
            m = c;
        }
        return m;
    }
}
