package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.port.in.SegmentsUseCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hand-written {@link SegmentsUseCase}: definitions in a map, members as given, calls recorded. */
final class FakeSegments implements SegmentsUseCase {
    static final Instant NOW = Instant.parse("2026-03-01T04:00:00Z");
    final Map<UUID, SegmentDefinition> definitions = new LinkedHashMap<>();
    final Map<UUID, List<String>> members = new LinkedHashMap<>();
    final Map<UUID, RefreshFailure> failures = new LinkedHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> onEventLoop = new CopyOnWriteArrayList<>();

    private void called(String call) {
        calls.add(call);
        if (Thread.currentThread().getName().contains("eventloop")) {
            onEventLoop.add(call);
        }
    }

    @Override
    public synchronized List<SegmentDefinition> definitions() {
        called("definitions");
        return List.copyOf(definitions.values());
    }

    @Override
    public synchronized SegmentDefinition definition(UUID id) {
        called("definition " + id);
        SegmentDefinition d = definitions.get(id);
        if (d == null) {
            throw new AnalyticsException(ErrorCode.SEGMENT_DEFINITION_NOT_FOUND, "no segment " + id, "segment_id", null, null);
        }
        return d;
    }

    @Override
    public synchronized SegmentDefinition create(SegmentDraft draft) {
        called("create " + draft.name());
        SegmentDefinition d = new SegmentDefinition(UUID.randomUUID(), draft, null, null, NOW, NOW);
        definitions.put(d.id(), d);
        return d;
    }

    @Override
    public synchronized SegmentDefinition update(UUID id, SegmentDraft draft) {
        SegmentDefinition old = definition(id);
        SegmentDefinition d = new SegmentDefinition(id, draft, old.lastCalculatedAt(), old.currentUserCount(), old.createdAt(), NOW);
        definitions.put(id, d);
        return d;
    }

    @Override
    public synchronized void delete(UUID id) {
        definition(id);
        definitions.remove(id);
    }

    @Override
    public synchronized long usersCount(UUID id) {
        definition(id);
        return members.getOrDefault(id, List.of()).size();
    }

    @Override
    public synchronized RefreshOutcome refresh(UUID id) {
        SegmentDefinition d = definition(id);
        SegmentDefinition refreshed = new SegmentDefinition(id, d.draft(), NOW, (long) members.getOrDefault(id, List.of()).size(),
                d.createdAt(), d.updatedAt());
        definitions.put(id, refreshed);
        return new RefreshOutcome(refreshed, 3, true, "INSERT INTO segment_members SELECT 1");
    }

    @Override
    public synchronized RefreshOutcome uploadMembers(UUID id, List<String> realUserIds) {
        SegmentDefinition d = definition(id);
        List<String> pseudonyms = new ArrayList<>();
        for (String u : realUserIds) {
            pseudonyms.add("p_" + u);
        }
        members.put(id, pseudonyms);
        return new RefreshOutcome(d, pseudonyms.size(), true, "INSERT INTO segment_members FORMAT TabSeparated");
    }

    @Override
    public synchronized MembersPage members(UUID id, int page, int size) {
        definition(id);
        if (size < 1) {
            throw AnalyticsException.invalidParameter("size", "size is 1..10000");
        }
        List<String> all = members.getOrDefault(id, List.of());
        return new MembersPage(page, size, all.size(), all.stream().skip((long) page * size).limit(size).toList());
    }

    @Override
    public synchronized boolean isMember(UUID id, String realUserId) {
        called("isMember " + realUserId);
        definition(id);
        return members.getOrDefault(id, List.of()).contains("p_" + realUserId);
    }

    @Override
    public synchronized Optional<RefreshFailure> lastFailure(UUID id) {
        return Optional.ofNullable(failures.get(id));
    }
}
