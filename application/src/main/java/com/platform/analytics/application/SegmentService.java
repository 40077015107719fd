package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.domain.segment.SegmentType;
import com.platform.analytics.port.in.SegmentsUseCase;
import com.platform.analytics.port.out.SegmentDefinitionStore;
import com.platform.analytics.port.out.SegmentEngine;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link SegmentsUseCase}: definitions in the metadata store, memberships in the warehouse. A refresh writes a
 * snapshot in the warehouse first, then records it in the metadata store together with {@code segment.updated}
 * (one transaction, through the outbox) when membership changed; the record makes it current (members and membership
 * checks read the recorded snapshot), and snapshots older than the one it replaced are then discarded.
 *
 * <p>Refreshes of one segment are serialized, and its snapshot times only grow. A refresh that fails, in the
 * warehouse or while recording, leaves the previous snapshot current and remembers why (in the metadata store, see
 * {@link #lastFailure}); changes are always counted against the recorded snapshot, so none goes unannounced.
 */
public final class SegmentService implements SegmentsUseCase {
    private static final System.Logger LOG = System.getLogger(SegmentService.class.getName());

    private final SegmentDefinitionStore store;
    private final SegmentEngine engine;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();
    private final Map<UUID, RefreshFailure> failures = new ConcurrentHashMap<>();
    /** The latest snapshot time each segment was given here, recorded or not (a failed attempt's rows are not reused). */
    private final Map<UUID, Instant> attempted = new ConcurrentHashMap<>();

    @Inject
    public SegmentService(SegmentDefinitionStore store, SegmentEngine engine, Pseudonymizer pseudonymizer, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<SegmentDefinition> definitions() {
        return store.findAll();
    }

    @Override
    public SegmentDefinition definition(UUID id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    @Override
    public SegmentDefinition create(SegmentDraft draft) {
        requireNonNull(draft, "draft is null");
        return store.create(draft, clock.instant());
    }

    @Override
    public SegmentDefinition update(UUID id, SegmentDraft draft) {
        requireNonNull(draft, "draft is null");
        return store.update(id, draft, clock.instant()).orElseThrow(() -> notFound(id));
    }

    @Override
    public void delete(UUID id) {
        synchronized (lock(id)) {
            if (!store.delete(id)) {
                throw notFound(id);
            }
            failures.remove(id);
            attempted.remove(id);
            try {
                engine.forget(id);
            } catch (RuntimeException e) {
                // the definition is gone; snapshots nobody can name again only take space
                LOG.log(System.Logger.Level.WARNING, "segment " + id + " deleted, but its snapshots could not be dropped", e);
            }
        }
    }

    @Override
    public long usersCount(UUID id) {
        Long count = definition(id).currentUserCount();
        return count == null ? 0 : count;
    }

    @Override
    public RefreshOutcome refresh(UUID id) {
        synchronized (lock(id)) {
            SegmentDefinition segment = definition(id);
            if (segment.type() != SegmentType.DYNAMIC) {
                throw AnalyticsException.invalidParameter("segment_id",
                        "segment " + segment.name() + " is static: its members change by upload, not by refresh");
            }
            Instant at = nextSnapshotTime(segment);
            return snapshot(segment, () -> engine.refresh(id, segment.draft().criteria(), at, Optional.ofNullable(segment.lastCalculatedAt())));
        }
    }

    @Override
    public RefreshOutcome uploadMembers(UUID id, List<String> realUserIds) {
        requireNonNull(realUserIds, "realUserIds is null");
        if (realUserIds.size() > MAX_UPLOAD) {
            throw AnalyticsException.invalidBody("/userIds", "at most " + MAX_UPLOAD + " user ids per upload, found " + realUserIds.size());
        }
        List<String> pseudonyms = new ArrayList<>(realUserIds.size());
        for (int i = 0; i < realUserIds.size(); i++) {
            String user = realUserIds.get(i);
            if (user == null || user.isBlank()) {
                throw AnalyticsException.invalidBody("/userIds/" + i, "a user id is a non-empty string");
            }
            pseudonyms.add(pseudonymizer.pseudonym(user));
        }
        synchronized (lock(id)) {
            SegmentDefinition segment = definition(id);
            if (segment.type() != SegmentType.STATIC) {
                throw AnalyticsException.invalidParameter("segment_id",
                        "segment " + segment.name() + " is dynamic: its members come from its criteria");
            }
            Instant at = nextSnapshotTime(segment);
            return snapshot(segment, () -> engine.replaceMembers(id, pseudonyms, at, Optional.ofNullable(segment.lastCalculatedAt())));
        }
    }

    @Override
    public MembersPage members(UUID id, int page, int size) {
        if (page < 0) {
            throw AnalyticsException.invalidParameter("page", "page counts from 0, found " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw AnalyticsException.invalidParameter("size", "size is 1.." + MAX_PAGE_SIZE + ", found " + size);
        }
        SegmentDefinition segment = definition(id);
        if (segment.lastCalculatedAt() == null) {
            return new MembersPage(page, size, 0, List.of());
        }
        return new MembersPage(page, size, segment.currentUserCount(),
                engine.members(id, segment.lastCalculatedAt(), (long) page * size, size));
    }

    @Override
    public boolean isMember(UUID id, String realUserId) {
        if (realUserId == null || realUserId.isBlank()) {
            throw AnalyticsException.invalidParameter("userId", "userId is required");
        }
        SegmentDefinition segment = definition(id);
        return segment.lastCalculatedAt() != null && engine.isMember(id, segment.lastCalculatedAt(), pseudonymizer.pseudonym(realUserId));
    }

    /**
     * The metadata store's record of the last failed refresh (kept across restarts); one this process could not record
     * there (the store itself failing) is answered from memory.
     */
    @Override
    public Optional<RefreshFailure> lastFailure(UUID id) {
        RefreshFailure unrecorded = failures.get(id);
        if (unrecorded != null) {
            return Optional.of(unrecorded);
        }
        return store.lastRefreshFailure(id).map(f -> new RefreshFailure(f.at(), f.reason()));
    }

    /** Records a failed refresh in the metadata store; in memory only when the store cannot take it either. */
    private void recordFailure(UUID id, String reason) {
        RefreshFailure failure = new RefreshFailure(clock.instant(), reason);
        try {
            store.recordRefreshFailure(id, failure.at(), failure.reason());
            failures.remove(id);
        } catch (RuntimeException e) {
            failures.put(id, failure);
        }
    }

    private RefreshOutcome snapshot(SegmentDefinition segment, Supplier<SegmentEngine.Snapshot> compute) {
        UUID id = segment.id();
        SegmentEngine.Snapshot snapshot;
        try {
            snapshot = compute.get();
        } catch (RuntimeException e) {
            recordFailure(id, reason(e));
            LOG.log(System.Logger.Level.WARNING, "refresh of segment " + segment.name() + " failed; its previous snapshot stays", e);
            throw e;
        }
        // counted against the last recorded snapshot: a change whose recording failed is counted again next time
        boolean changed = snapshot.changedMembers() > 0;
        Optional<OutgoingEvent> announcement = changed ? Optional.of(announcement(segment, snapshot)) : Optional.empty();
        Optional<SegmentDefinition> recorded;
        try {
            recorded = store.recordRefresh(id, snapshot.calculatedAt(), snapshot.userCount(), announcement);
        } catch (RuntimeException e) {
            recordFailure(id, "the snapshot was computed but not recorded: " + reason(e));
            throw e;
        }
        if (recorded.isEmpty()) {
            // deleted while refreshing
            engine.forget(id);
            throw notFound(id);
        }
        failures.remove(id);
        // the replaced snapshot stays for readers that named it a moment ago; older ones and failed attempts go
        Instant replaced = segment.lastCalculatedAt();
        try {
            engine.discardBefore(id, replaced == null ? snapshot.calculatedAt() : replaced);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "old snapshots of segment " + segment.name() + " stay: " + reason(e));
        }
        return new RefreshOutcome(recorded.get(), snapshot.changedMembers(), changed, snapshot.sql());
    }

    /**
     * Now, or just after the segment's recorded snapshot and the latest time given here when the clock has not moved
     * past them (a clock step back, or two refreshes in one millisecond): a snapshot's rows are never mixed with
     * another's written by this process. Another instance's times come from its own clock: were it to attempt the same
     * segment in the very millisecond of an attempt here that failed after writing rows, the two would share them.
     */
    private Instant nextSnapshotTime(SegmentDefinition segment) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (Instant earlier : new Instant[] {segment.lastCalculatedAt(), attempted.get(segment.id())}) {
            if (earlier != null && !at.isAfter(earlier)) {
                at = earlier.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
            }
        }
        attempted.put(segment.id(), at);
        return at;
    }

    private static OutgoingEvent announcement(SegmentDefinition segment, SegmentEngine.Snapshot snapshot) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segmentId", segment.id().toString());
        data.put("segmentName", segment.name());
        data.put("userCount", snapshot.userCount());
        data.put("calculationTimestamp", snapshot.calculatedAt().toString());
        return OutgoingEvent.of(OutgoingEvent.SEGMENT_UPDATED, segment.id().toString(), snapshot.calculatedAt(), data);
    }

    private static String reason(RuntimeException e) {
        if (e instanceof AnalyticsException a) {
            return a.code() + ": " + a.detail();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private Object lock(UUID id) {
        requireNonNull(id, "id is null");
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private static AnalyticsException notFound(UUID id) {
        return new AnalyticsException(ErrorCode.SEGMENT_DEFINITION_NOT_FOUND, "no segment definition with id " + id,
                "segment_id", null, null);
    }
}
