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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link SegmentsUseCase}: definitions in the metadata store, memberships in the warehouse. A refresh computes a
 * snapshot in the warehouse first, then records it in the metadata store together with {@code segment.updated}
 * (one transaction, through the outbox) when membership changed.
 *
 * <p>Refreshes of one segment are serialized. A refresh that fails leaves the previous snapshot and remembers
 * why (in the metadata store, see {@link #lastFailure}). When the warehouse snapshot changed
 * but recording it failed, the change is announced by the next successful refresh even if that one changes nothing,
 * in this process or another: changes are counted against the last recorded snapshot, which the engine keeps.
 */
public final class SegmentService implements SegmentsUseCase {
    private static final System.Logger LOG = System.getLogger(SegmentService.class.getName());

    private final SegmentDefinitionStore store;
    private final SegmentEngine engine;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();
    private final Map<UUID, RefreshFailure> failures = new ConcurrentHashMap<>();

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
        definition(id);
        return engine.count(id);
    }

    @Override
    public RefreshOutcome refresh(UUID id) {
        synchronized (lock(id)) {
            SegmentDefinition segment = definition(id);
            if (segment.type() != SegmentType.DYNAMIC) {
                throw AnalyticsException.invalidParameter("segment_id",
                        "segment " + segment.name() + " is static: its members change by upload, not by refresh");
            }
            return snapshot(segment, () -> engine.refresh(id, segment.draft().criteria(), clock.instant(), Optional.ofNullable(segment.lastCalculatedAt())));
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
            return snapshot(segment, () -> engine.replaceMembers(id, pseudonyms, clock.instant(), Optional.ofNullable(segment.lastCalculatedAt())));
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
        definition(id);
        return new MembersPage(page, size, engine.count(id), engine.members(id, (long) page * size, size));
    }

    @Override
    public boolean isMember(UUID id, String realUserId) {
        if (realUserId == null || realUserId.isBlank()) {
            throw AnalyticsException.invalidParameter("userId", "userId is required");
        }
        definition(id);
        return engine.isMember(id, pseudonymizer.pseudonym(realUserId));
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
        return new RefreshOutcome(recorded.get(), snapshot.changedMembers(), changed, snapshot.sql());
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
