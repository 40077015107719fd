package com.platform.analytics.port.out;

import com.platform.analytics.domain.report.ReportSchedule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code report_schedules} of the metadata store. Failures are AnalyticsException STORAGE_UNAVAILABLE. */
public interface ReportScheduleStore {
    void create(ReportSchedule schedule);

    Optional<ReportSchedule> find(UUID id);

    /** Every schedule (a developer's: {@code developerId} given, only theirs), oldest first. */
    List<ReportSchedule> list(Optional<String> developerId);

    /** @return false when there was none */
    boolean delete(UUID id);

    /**
     * Records a fire, only if the schedule's latest fire is still {@code previous} (null: never fired), so two
     * schedulers cannot both take the same fire.
     *
     * @return whether this caller took it
     */
    boolean markFired(UUID id, Instant previous, Instant fire);

    /** What the latest fire requested: the instance, or why none could be. */
    void recordOutcome(UUID id, UUID instanceId, String error);
}
