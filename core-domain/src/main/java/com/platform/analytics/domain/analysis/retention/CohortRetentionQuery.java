package com.platform.analytics.domain.analysis.retention;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.analysis.BodyFields;
import com.platform.analytics.domain.event.EventTypes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cohort retention table (KPI_DEFINITIONS.md, Retention), exactly:
 * <ul>
 *   <li>A user's cohort is the period ({@link RetentionPeriod}, in the range's zone) of their FIRST
 *       {@code cohortEvent} in their whole history; only users whose first one falls on a day of
 *       [{@code from}, {@code to}] are in a cohort. A week or month cohort is named by its first day, which
 *       may be before {@code from} when {@code from} is not a period start (it then holds only the users from
 *       {@code from} on).</li>
 *   <li>Cell N (0..{@code periods}) is the share of the cohort's users with a return event
 *       ({@code returnEvent}, or any activity event when it is {@code null}) in period C+N
 *       ({@link RetentionMode#EXACT}) or in C+N or any later period ({@link RetentionMode#UNBOUNDED}); only
 *       return events on days of the range count, so the last period may be partial.</li>
 *   <li>N = 0 is 1.0 by definition: the cohort event itself puts every cohort user in period C.</li>
 *   <li>A cell whose period C+N starts after {@code to} is absent (the array is shorter), never zero.</li>
 * </ul>
 */
public record CohortRetentionQuery(
        AnalysisRange range,
        RetentionPeriod period,
        int periods,
        RetentionMode mode,
        String cohortEvent,
        String returnEvent) {

    public static final int MAX_PERIODS = 90;
    public static final String ACTIVITY = "activity";
    private static final Set<String> FIELDS = AnalysisRange.fieldsWith("period", "periods", "mode", "cohortEvent", "returnEvent");

    public CohortRetentionQuery {
        requireNonNull(range, "range is null");
        requireNonNull(period, "period is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(cohortEvent, "cohortEvent is null");
        if (periods < 0 || periods > MAX_PERIODS) {
            throw new IllegalArgumentException("periods must be 0.." + MAX_PERIODS);
        }
    }

    /** Whether any activity event is a return (no {@code returnEvent} type). */
    public boolean returnsOnActivity() {
        return returnEvent == null;
    }

    /** Whether the cell N of the cohort starting {@code cohort} is in the table (its period starts by {@code to}). */
    public boolean hasCell(LocalDate cohort, int n) {
        return n <= periods && !period.plus(cohort, n).isAfter(range.to());
    }

    /**
     * The table row of a cohort from the warehouse's counts: {@code returned.get(n)} users returned for cell n
     * (absent: none). Cell 0 is 1.0; cells past {@code to} are left out.
     */
    public CohortRow row(LocalDate cohort, long size, Map<Integer, Long> returned) {
        List<Long> cells = new ArrayList<>();
        for (int n = 0; hasCell(cohort, n); n++) {
            // cell 0 is the whole cohort: the cohort event itself places every user in period C
            cells.add(n == 0 ? size : returned.getOrDefault(n, 0L));
        }
        return new CohortRow(cohort, size, cells);
    }

    /**
     * Reads a request body: {@code from}, {@code to} (required), {@code tz} (UTC), {@code period} (day),
     * {@code periods} (required, 0..90), {@code mode} (exact), {@code cohortEvent} (registration),
     * {@code returnEvent} (an event type, or {@code activity}, the default).
     */
    public static CohortRetentionQuery fromJson(Map<String, Object> json) {
        BodyFields body = new BodyFields(json, FIELDS);
        AnalysisRange range = AnalysisRange.read(body);
        RetentionPeriod period = body.choice("period", RetentionPeriod.DAY, RetentionPeriod::parse, "one of day, week, month");
        int periods = body.requiredInteger("periods", 0, MAX_PERIODS, "the last N of the table");
        RetentionMode mode = body.choice("mode", RetentionMode.EXACT, RetentionMode::parse, "exact or unbounded");
        String cohortEvent = body.eventType("cohortEvent", EventTypes.USER_REGISTERED);
        String returnEvent = body.eventType("returnEvent", ACTIVITY);
        return new CohortRetentionQuery(range, period, periods, mode, cohortEvent,
                ACTIVITY.equals(returnEvent) ? null : returnEvent);
    }
}
