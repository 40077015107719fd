package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ReportDefinition;
import com.platform.analytics.domain.report.ReportInstance;
import com.platform.analytics.domain.report.ReportSchedule;
import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.port.in.ReportSchedulesUseCase;
import com.platform.analytics.port.out.ReportScheduleStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Report schedules: a definition, a cron expression in a time zone and stored parameters, checked when made as a
 * request would be (with relative date words kept as words). {@link #runDue} — every minute, from the
 * {@link ReportScheduleJob} — requests one instance per schedule whose fire time came, with its owner's subject and
 * scope and the words resolved on the fire's day in the schedule's zone. A fire is taken through the store only if
 * nobody took it, so two instances cannot request it twice; when several fire times passed (downtime), one instance is
 * requested for the latest of them. A fire whose request fails is recorded on the schedule with the reason; when the
 * failure passes (the report queue full, a store down) the fire is given back and requested again the next minute,
 * otherwise (the definition changed so the stored parameters no longer fit) the next fire time tries again.
 */
public final class ReportScheduleService implements ReportSchedulesUseCase {
    private static final System.Logger LOG = System.getLogger(ReportScheduleService.class.getName());
    /** Fire times stepped through to find the latest that passed (a per-minute schedule: about 70 days). */
    private static final int MAX_CATCH_UP_STEPS = 100_000;

    private final ReportScheduleStore schedules;
    private final ReportService reports;
    private final AccessPolicy policy;
    private final Clock clock;

    public ReportScheduleService(ReportScheduleStore schedules, ReportService reports, AccessPolicy policy, Clock clock) {
        this.schedules = requireNonNull(schedules, "schedules is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public ReportSchedule create(Principal caller, String definitionRef, String cron, String timeZone,
            Map<String, Object> parameters, String format) {
        requireNonNull(caller, "caller is null");
        if (definitionRef == null) {
            throw AnalyticsException.invalidBody("/definition", "a schedule names its report definition");
        }
        if (cron == null) {
            throw AnalyticsException.invalidBody("/cron", "a schedule needs a cron expression (minute hour day month weekday)");
        }
        ZoneId zone = zone(timeZone);
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(cron, zone);
        } catch (AnalyticsException e) {
            throw AnalyticsException.invalidBody("/cron", e.detail());
        }
        DataScope scope = policy.scopeOf(caller);
        ReportDefinition definition = reports.resolve(definitionRef);
        OutputFormat outputFormat = ReportService.outputFormat(definition, format);
        Instant now = clock.instant();
        Map<String, String> stored = ReportSchedule.bindStored(definition, parameters == null ? Map.of() : parameters, scope,
                LocalDate.ofInstant(now, zone));
        if (schedule.next(now).isEmpty()) {
            throw AnalyticsException.invalidBody("/cron", "'" + cron + "' never fires");
        }
        ReportSchedule created = new ReportSchedule(UUID.randomUUID(), definition.id(), definition.name(), schedule, stored,
                outputFormat, caller.subject(), scope.developerId(), true, now, null, null, null);
        schedules.create(created);
        return created;
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw AnalyticsException.invalidBody("/timeZone", "unknown time zone '" + timeZone + "' (an IANA name such as Europe/Moscow)");
        }
    }

    @Override
    public List<ReportSchedule> list(Principal caller) {
        return schedules.list(policy.scopeOf(caller).developerId());
    }

    @Override
    public ReportSchedule find(Principal caller, UUID id) {
        DataScope scope = policy.scopeOf(caller);
        return schedules.find(id)
                // another developer's schedule is as unknown as a missing one
                .filter(s -> scope.unrestricted() || s.developerId().equals(scope.developerId()))
                .orElseThrow(() -> new AnalyticsException(ErrorCode.RESOURCE_NOT_FOUND, "no report schedule " + id));
    }

    @Override
    public void delete(Principal caller, UUID id) {
        find(caller, id);
        if (!schedules.delete(id)) {
            throw new AnalyticsException(ErrorCode.RESOURCE_NOT_FOUND, "no report schedule " + id);
        }
    }

    @Override
    public int runDue(Instant now) {
        int requested = 0;
        for (ReportSchedule s : schedules.list(Optional.empty())) {
            if (!s.enabled()) {
                continue;
            }
            Optional<Instant> next = s.nextFire();
            if (next.isEmpty() || next.get().isAfter(now)) {
                continue;
            }
            Instant fire = s.schedule().lastFireBetween(next.get(), now, MAX_CATCH_UP_STEPS).orElse(next.get());
            if (!schedules.markFired(s.id(), s.lastFireAt(), fire)) {
                continue; // another instance took this fire
            }
            try {
                ReportDefinition definition = reports.resolve(s.definitionId().toString());
                Map<String, Object> parameters = s.parametersOn(definition, LocalDate.ofInstant(fire, s.schedule().zone()));
                ReportInstance instance = reports.requestFor(s.owner(), s.scope(), definition.id().toString(), parameters,
                        s.format().wireName());
                schedules.recordOutcome(s.id(), instance.id(), null);
                requested++;
            } catch (RuntimeException e) {
                String reason = e instanceof AnalyticsException a ? a.code() + ": " + a.detail() : e.toString();
                // busy or a store down passes: give the fire back, so the next minute requests it again
                boolean passing = e instanceof AnalyticsException a && a.code().kind() == ErrorCode.Kind.UNAVAILABLE;
                LOG.log(System.Logger.Level.WARNING, "scheduled report " + s.id() + " (" + s.definitionName() + ") at " + fire
                        + " not requested" + (passing ? " yet" : "") + ": " + reason);
                try {
                    if (passing) {
                        schedules.markFired(s.id(), fire, s.lastFireAt());
                    }
                    schedules.recordOutcome(s.id(), null, reason);
                } catch (RuntimeException storeDown) {
                    LOG.log(System.Logger.Level.WARNING, "could not record the outcome of scheduled report " + s.id(), storeDown);
                }
            }
        }
        return requested;
    }
}
