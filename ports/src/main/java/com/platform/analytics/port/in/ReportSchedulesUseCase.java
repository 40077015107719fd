package com.platform.analytics.port.in;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.report.ReportSchedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reports requested on a cron schedule with stored parameters, run with their owner's scope. */
public interface ReportSchedulesUseCase {
    /**
     * Schedules a report.
     *
     * @param cron five-field cron ({@code 0 3 1 * *}) read in {@code timeZone} (null: UTC)
     * @param parameters as a request's, where a {@code date} parameter may be a relative word ({@code yesterday},
     *     {@code start_of_previous_month}, …)
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code REPORT_DEFINITION_NOT_FOUND};
     *     {@code INVALID_REQUEST_BODY} naming a bad cron, time zone, format or parameter; {@code ACCESS_DENIED_TO_RESOURCE}
     */
    ReportSchedule create(Principal caller, String definition, String cron, String timeZone, Map<String, Object> parameters,
            String format);

    /** The caller's schedules (a caller with every game in scope: all). */
    List<ReportSchedule> list(Principal caller);

    /** @throws com.platform.analytics.domain.error.AnalyticsException {@code RESOURCE_NOT_FOUND} (also another developer's) */
    ReportSchedule find(Principal caller, UUID id);

    /** @throws com.platform.analytics.domain.error.AnalyticsException {@code RESOURCE_NOT_FOUND} (also another developer's) */
    void delete(Principal caller, UUID id);

    /**
     * Requests an instance for every schedule whose fire time came by {@code now} (once per schedule, for its latest
     * fire time when several passed).
     *
     * @return the instances requested
     */
    int runDue(Instant now);
}
