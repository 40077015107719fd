package com.platform.analytics.application;

import com.platform.analytics.domain.report.ReportSchedule;
import com.platform.analytics.port.out.ReportScheduleStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Report schedules in memory, with the store's conditional fire. */
final class InMemoryReportSchedules implements ReportScheduleStore {
    private final Map<UUID, ReportSchedule> rows = new LinkedHashMap<>();

    @Override
    public synchronized void create(ReportSchedule schedule) {
        rows.put(schedule.id(), schedule);
    }

    @Override
    public synchronized Optional<ReportSchedule> find(UUID id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized List<ReportSchedule> list(Optional<String> developerId) {
        return rows.values().stream().filter(s -> developerId.isEmpty() || s.developerId().equals(developerId))
                .sorted(Comparator.comparing(ReportSchedule::createdAt)).toList();
    }

    @Override
    public synchronized boolean delete(UUID id) {
        return rows.remove(id) != null;
    }

    @Override
    public synchronized boolean markFired(UUID id, Instant previous, Instant fire) {
        ReportSchedule s = rows.get(id);
        if (s == null || !Objects.equals(s.lastFireAt(), previous)) {
            return false;
        }
        rows.put(id, new ReportSchedule(s.id(), s.definitionId(), s.definitionName(), s.schedule(), s.parameters(), s.format(),
                s.owner(), s.developerId(), s.enabled(), s.createdAt(), fire, s.lastInstanceId(), s.lastError()));
        return true;
    }

    @Override
    public synchronized void recordOutcome(UUID id, UUID instanceId, String error) {
        ReportSchedule s = rows.get(id);
        if (s != null) {
            rows.put(id, new ReportSchedule(s.id(), s.definitionId(), s.definitionName(), s.schedule(), s.parameters(),
                    s.format(), s.owner(), s.developerId(), s.enabled(), s.createdAt(), s.lastFireAt(), instanceId, error));
        }
    }
}
