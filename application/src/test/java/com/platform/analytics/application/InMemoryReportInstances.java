package com.platform.analytics.application;

import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.report.ReportInstance;
import com.platform.analytics.domain.report.ReportStatus;
import com.platform.analytics.port.out.ReportInstanceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Report instances in memory, with the store's conditional state changes; the events it would have appended. */
final class InMemoryReportInstances implements ReportInstanceStore {
    private final Map<UUID, ReportInstance> rows = new LinkedHashMap<>();
    private final List<OutgoingEvent> events = new ArrayList<>();
    final Map<UUID, Instant> beats = new LinkedHashMap<>();
    final Map<UUID, String> owners = new LinkedHashMap<>();

    synchronized List<OutgoingEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void create(ReportInstance instance) {
        rows.put(instance.id(), instance);
        beats.put(instance.id(), instance.requestedAt());
    }

    @Override
    public synchronized void heartbeat(java.util.Collection<UUID> ids, String owner, Instant at) {
        for (UUID id : ids) {
            ReportInstance i = rows.get(id);
            if (i != null && (i.status() == ReportStatus.REQUESTED || i.status() == ReportStatus.GENERATING)) {
                beats.put(id, at);
                owners.put(id, owner);
            }
        }
    }

    @Override
    public synchronized List<ReportInstance> abandoned(Instant beatBefore) {
        return rows.values().stream().filter(i -> (i.status() == ReportStatus.REQUESTED || i.status() == ReportStatus.GENERATING)
                && beats.get(i.id()).isBefore(beatBefore)).sorted(Comparator.comparing(ReportInstance::requestedAt)).toList();
    }

    @Override
    public synchronized Optional<ReportInstance> find(UUID id) {
        return Optional.ofNullable(rows.get(id));
    }

    private boolean change(UUID id, Set<ReportStatus> from, ReportStatus to, Instant at, String path, Long size, String error,
            OutgoingEvent event) {
        ReportInstance i = rows.get(id);
        if (i == null || !from.contains(i.status())) {
            return false;
        }
        rows.put(id, new ReportInstance(i.id(), i.definitionId(), i.definitionName(), to, i.parameters(), i.format(),
                i.requestedAt(), to == ReportStatus.GENERATING ? at : i.startedAt(), to == ReportStatus.GENERATING ? null : at,
                path, size, error, i.requestedBy(), i.developerId(), i.expiresAt()));
        if (event != null) {
            events.add(event);
        }
        return true;
    }

    @Override
    public synchronized boolean markGenerating(UUID id, Instant startedAt) {
        return change(id, Set.of(ReportStatus.REQUESTED), ReportStatus.GENERATING, startedAt, null, null, null, null);
    }

    @Override
    public synchronized boolean markCompleted(UUID id, Instant completedAt, String filePath, long sizeBytes, OutgoingEvent e) {
        return change(id, Set.of(ReportStatus.GENERATING), ReportStatus.COMPLETED, completedAt, filePath, sizeBytes, null, e);
    }

    @Override
    public synchronized boolean markFailed(UUID id, Instant completedAt, String errorMessage, OutgoingEvent e) {
        return change(id, Set.of(ReportStatus.REQUESTED, ReportStatus.GENERATING), ReportStatus.FAILED, completedAt, null, null,
                errorMessage, e);
    }

    @Override
    public synchronized boolean markCancelled(UUID id, Instant at, String reason) {
        return change(id, Set.of(ReportStatus.REQUESTED), ReportStatus.CANCELLED, at, null, null, reason, null);
    }

    @Override
    public synchronized List<ReportInstance> expiredFiles(Instant now, int limit) {
        return rows.values().stream().filter(i -> i.status() == ReportStatus.COMPLETED && i.filePath() != null
                && !i.expiresAt().isAfter(now)).sorted(Comparator.comparing(ReportInstance::expiresAt)).limit(limit).toList();
    }

    @Override
    public synchronized boolean forgetFile(UUID id) {
        ReportInstance i = rows.get(id);
        if (i == null || i.filePath() == null) {
            return false;
        }
        rows.put(id, new ReportInstance(i.id(), i.definitionId(), i.definitionName(), i.status(), i.parameters(), i.format(),
                i.requestedAt(), i.startedAt(), i.completedAt(), null, null, i.errorMessage(), i.requestedBy(), i.developerId(),
                i.expiresAt()));
        return true;
    }

    @Override
    public synchronized List<ReportInstance> findByStatus(ReportStatus status) {
        return rows.values().stream().filter(i -> i.status() == status)
                .sorted(Comparator.comparing(ReportInstance::requestedAt)).toList();
    }
}
