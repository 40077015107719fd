package com.platform.analytics.domain.alert;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One firing of a rule for one series: opened by the evaluation that found the condition (with that evaluation's
 * numbers), {@link AlertStatus#RESOLVED} by the first later evaluation that found it cleared.
 *
 * @param seriesKey the series within the rule ({@link AlertEvaluation#seriesKey}); empty without a breakdown
 * @param period the first day of the period whose value fired
 * @param thresholdValue what the observed value was compared with (the threshold, or the baseline)
 * @param expectedValue the baseline (mean or median of the history); null for a threshold rule
 * @param deviation the rule's measure of distance: observed - threshold, the change in percent, or the z-score
 * @param resolvedAt null while firing
 */
public record AlertEvent(
        UUID id,
        UUID ruleId,
        String ruleName,
        String metricName,
        String seriesKey,
        Map<String, String> dimensions,
        AlertStatus status,
        LocalDate period,
        double observedValue,
        double thresholdValue,
        Double expectedValue,
        double deviation,
        AlertSeverity severity,
        String description,
        Instant triggeredAt,
        Instant resolvedAt) {
    public AlertEvent {
        requireNonNull(id, "id is null");
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(ruleName, "ruleName is null");
        requireNonNull(metricName, "metricName is null");
        requireNonNull(seriesKey, "seriesKey is null");
        requireNonNull(status, "status is null");
        requireNonNull(period, "period is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(description, "description is null");
        requireNonNull(triggeredAt, "triggeredAt is null");
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        if ((status == AlertStatus.RESOLVED) != (resolvedAt != null)) {
            throw new IllegalArgumentException("a resolved event, and only one, has resolvedAt");
        }
    }

    /** This event resolved at {@code at}. */
    public AlertEvent resolved(Instant at) {
        return new AlertEvent(id, ruleId, ruleName, metricName, seriesKey, dimensions, AlertStatus.RESOLVED, period,
                observedValue, thresholdValue, expectedValue, deviation, severity, description, triggeredAt,
                requireNonNull(at, "at is null"));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id.toString());
        json.put("ruleId", ruleId.toString());
        json.put("ruleName", ruleName);
        json.put("metricName", metricName);
        json.put("dimensions", dimensions);
        json.put("status", status.wireName());
        json.put("period", period.toString());
        json.put("observedValue", observedValue);
        json.put("thresholdValue", thresholdValue);
        json.put("expectedValue", expectedValue);
        json.put("deviation", deviation);
        json.put("severity", severity.wireName());
        json.put("description", description);
        json.put("triggeredAt", triggeredAt.toString());
        json.put("resolvedAt", resolvedAt == null ? null : resolvedAt.toString());
        return json;
    }
}
