package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentType;
import com.platform.analytics.port.in.SegmentsUseCase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dynamic segments' refreshes as a scheduled job:
 * each run refreshes every dynamic segment whose own cron schedule fired after its latest snapshot (or its creation,
 * or its latest failed attempt, here or recorded by any instance, so a failing segment waits for its next scheduled
 * time instead of retrying every run) and at or before now. The job itself fires every minute by default: the
 * segments' schedules decide, the job only looks. A failure of one segment does not stop the others; the run is
 * recorded failed naming them, with the refreshed ones counted as processed.
 */
public final class SegmentRefreshJob implements ScheduledJob {
    public static final String NAME = "segment_refresh";
    private static final System.Logger LOG = System.getLogger(SegmentRefreshJob.class.getName());

    private final Job job;
    private final SegmentsUseCase segments;
    private final Clock clock;
    private final Map<UUID, Instant> attempts = new ConcurrentHashMap<>();

    /** Looks every minute. */
    public SegmentRefreshJob(SegmentsUseCase segments, Clock clock) {
        this(new Job(NAME, CronSchedule.parse("* * * * *")), segments, clock);
    }

    public SegmentRefreshJob(Job job, SegmentsUseCase segments, Clock clock) {
        this.job = requireNonNull(job, "job is null");
        this.segments = requireNonNull(segments, "segments is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        Instant now = clock.instant();
        List<String> failed = new ArrayList<>();
        RuntimeException firstFailure = null;
        long refreshed = 0;
        for (SegmentDefinition segment : segments.definitions()) {
            if (segment.type() != SegmentType.DYNAMIC || segment.draft().refreshSchedule() == null) {
                continue;
            }
            Instant since = latest(segment.createdAt(), segment.lastCalculatedAt(), attempts.get(segment.id()));
            since = latest(since, segments.lastFailure(segment.id()).map(SegmentsUseCase.RefreshFailure::at).orElse(null), null);
            Optional<Instant> due = segment.draft().refreshSchedule().next(since);
            if (due.isEmpty() || due.get().isAfter(now)) {
                continue;
            }
            attempts.put(segment.id(), now);
            try {
                segments.refresh(segment.id());
                refreshed++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "scheduled refresh of segment " + segment.name() + " failed", e);
                failed.add(segment.name());
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new JobRunFailure("refresh failed for " + failed.size() + " segment(s): " + String.join(", ", failed),
                    refreshed, firstFailure);
        }
        return refreshed;
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
