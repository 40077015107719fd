package com.platform.analytics.domain.report;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.schedule.CronSchedule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A report requested on a cron schedule (a {@code report_schedules} row): its definition, stored parameters (canonical
 * text, or for a {@code date} parameter a {@link RelativeDate} word resolved at each fire), output format, and whose
 * it is — a schedule runs with its owner's scope, so a developer's scheduled report holds only their data.
 *
 * @param lastFireAt the latest fire time that requested an instance (or tried to); null before the first
 * @param lastInstanceId the instance that fire requested; null when none or it could not be requested
 * @param lastError why the latest fire could not request an instance; null when it could
 */
public record ReportSchedule(UUID id, UUID definitionId, String definitionName, CronSchedule schedule,
        Map<String, String> parameters, OutputFormat format, String owner, Optional<String> developerId, boolean enabled,
        Instant createdAt, Instant lastFireAt, UUID lastInstanceId, String lastError) {
    public ReportSchedule {
        requireNonNull(id, "id is null");
        requireNonNull(definitionId, "definitionId is null");
        requireNonNull(definitionName, "definitionName is null");
        requireNonNull(schedule, "schedule is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        requireNonNull(format, "format is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(developerId, "developerId is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** The scope its reports run in: its owner's. */
    public DataScope scope() {
        return developerId.map(DataScope::developer).orElse(DataScope.ALL_GAMES);
    }

    /** The first fire time after its creation or its latest fire; empty when the expression never fires again. */
    public Optional<Instant> nextFire() {
        return schedule.next(lastFireAt == null ? createdAt : lastFireAt);
    }

    /**
     * The parameters to store for a schedule: checked against the definition as a request would be (types, required,
     * the owner's developer id), with {@link RelativeDate} words allowed for {@code date} parameters and kept as words.
     *
     * @throws AnalyticsException as {@link ReportDefinition#bind} does, naming the parameter
     */
    public static Map<String, String> bindStored(ReportDefinition definition, Map<String, Object> requested, DataScope scope,
            LocalDate today) {
        Map<String, Object> resolved = new LinkedHashMap<>(requested);
        Map<String, String> words = new LinkedHashMap<>();
        for (ReportParameter p : definition.parameters()) {
            if (p.type() == ParameterType.DATE && requested.get(p.name()) instanceof String s && RelativeDate.isRelative(s)) {
                resolved.put(p.name(), RelativeDate.resolve(s, today).orElseThrow().toString());
                words.put(p.name(), s);
            }
        }
        Map<String, String> bound = new LinkedHashMap<>(definition.bind(resolved, scope));
        bound.putAll(words);
        return bound;
    }

    /**
     * The parameters of the report requested at a fire on {@code day} (the schedule's day): the words of its
     * {@code date} parameters resolved (a {@code string} parameter that reads "today" stays "today").
     */
    public Map<String, Object> parametersOn(ReportDefinition definition, LocalDate day) {
        Map<String, Object> out = new LinkedHashMap<>(parameters);
        for (ReportParameter p : definition.parameters()) {
            String value = parameters.get(p.name());
            if (p.type() == ParameterType.DATE && value != null) {
                RelativeDate.resolve(value, day).ifPresent(d -> out.put(p.name(), d.toString()));
            }
        }
        return out;
    }
}
