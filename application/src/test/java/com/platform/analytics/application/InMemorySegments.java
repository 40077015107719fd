package com.platform.analytics.application;

import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.segment.SegmentCriteria;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.port.out.SegmentDefinitionStore;
import com.platform.analytics.port.out.SegmentEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-written fakes of the segment store (with its outbox) and of the warehouse engine. */
final class InMemorySegments {
    private InMemorySegments() {
    }

    static final class Store implements SegmentDefinitionStore {
        final Map<UUID, SegmentDefinition> rows = new HashMap<>();
        final List<OutgoingEvent> outbox = new ArrayList<>();
        RuntimeException failRecording;

        @Override
        public synchronized SegmentDefinition create(SegmentDraft draft, Instant now) {
            SegmentDefinition d = new SegmentDefinition(UUID.randomUUID(), draft, null, null, now, now);
            rows.put(d.id(), d);
            return d;
        }

        @Override
        public synchronized Optional<SegmentDefinition> find(UUID id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public synchronized List<SegmentDefinition> findAll() {
            return rows.values().stream().sorted(Comparator.comparing(SegmentDefinition::name)).toList();
        }

        @Override
        public synchronized Optional<SegmentDefinition> update(UUID id, SegmentDraft draft, Instant now) {
            return find(id).map(d -> {
                SegmentDefinition u = new SegmentDefinition(id, draft, d.lastCalculatedAt(), d.currentUserCount(), d.createdAt(), now);
                rows.put(id, u);
                return u;
            });
        }

        @Override
        public synchronized boolean delete(UUID id) {
            return rows.remove(id) != null;
        }

        @Override
        public synchronized Optional<SegmentDefinition> recordRefresh(UUID id, Instant calculatedAt, long userCount,
                Optional<OutgoingEvent> announcement) {
            if (failRecording != null) {
                throw failRecording;
            }
            return find(id).map(d -> {
                SegmentDefinition u = new SegmentDefinition(id, d.draft(), calculatedAt, userCount, d.createdAt(), d.updatedAt());
                rows.put(id, u);
                announcement.ifPresent(outbox::add);
                failures.remove(id);
                return u;
            });
        }

        final Map<UUID, RefreshFailure> failures = new HashMap<>();

        @Override
        public synchronized void recordRefreshFailure(UUID id, Instant failedAt, String reason) {
            if (rows.containsKey(id)) {
                failures.put(id, new RefreshFailure(failedAt, reason));
            }
        }

        @Override
        public synchronized Optional<RefreshFailure> lastRefreshFailure(UUID id) {
            return Optional.ofNullable(failures.get(id));
        }
    }

    /** Members are whatever users the test says match (the same for every criteria), or what was uploaded. */
    static final class Engine implements SegmentEngine {
        /** Every snapshot written and not discarded, by segment and time: changes are counted against the current one. */
        final Map<UUID, TreeMap<Instant, TreeSet<String>>> history = new HashMap<>();
        final Set<UUID> forgotten = new HashSet<>();
        final AtomicInteger refreshes = new AtomicInteger();
        final List<Instant> discardedBefore = new ArrayList<>();
        Set<String> matching = Set.of();
        RuntimeException failure;

        @Override
        public synchronized Snapshot refresh(UUID segmentId, SegmentCriteria criteria, Instant at, Optional<Instant> current) {
            refreshes.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return write(segmentId, matching, at, current);
        }

        @Override
        public synchronized Snapshot replaceMembers(UUID segmentId, Collection<String> userIds, Instant at,
                Optional<Instant> current) {
            return write(segmentId, userIds, at, current);
        }

        private Snapshot write(UUID segmentId, Collection<String> users, Instant at, Optional<Instant> current) {
            TreeMap<Instant, TreeSet<String>> taken = history.computeIfAbsent(segmentId, k -> new TreeMap<>());
            if (!taken.isEmpty() && !at.isAfter(taken.lastKey())) {
                throw new IllegalArgumentException("snapshot " + at + " is not after " + taken.lastKey());
            }
            TreeSet<String> next = new TreeSet<>(users);
            TreeSet<String> previous = current.map(taken::get).orElse(new TreeSet<>());
            taken.put(at, next);
            Set<String> difference = new HashSet<>(next);
            difference.addAll(previous);
            Set<String> both = new HashSet<>(next);
            both.retainAll(previous);
            difference.removeAll(both);
            return new Snapshot(at, next.size(), difference.size(), "SELECT fake");
        }

        /** The members of a snapshot, empty when it does not exist (any more). */
        synchronized TreeSet<String> snapshot(UUID segmentId, Instant at) {
            return history.getOrDefault(segmentId, new TreeMap<>()).getOrDefault(at, new TreeSet<>());
        }

        @Override
        public synchronized List<String> members(UUID segmentId, Instant snapshot, long offset, int limit) {
            return snapshot(segmentId, snapshot).stream().skip(offset).limit(limit).toList();
        }

        @Override
        public synchronized boolean isMember(UUID segmentId, Instant snapshot, String userId) {
            return snapshot(segmentId, snapshot).contains(userId);
        }

        @Override
        public synchronized void discardBefore(UUID segmentId, Instant keepFrom) {
            discardedBefore.add(keepFrom);
            history.getOrDefault(segmentId, new TreeMap<>()).headMap(keepFrom).clear();
        }

        @Override
        public synchronized void forget(UUID segmentId) {
            history.remove(segmentId);
            forgotten.add(segmentId);
        }
    }
}
