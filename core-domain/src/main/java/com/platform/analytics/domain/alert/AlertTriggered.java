package com.platform.analytics.domain.alert;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every {@code alert.triggered} event says (spec 5.1), whoever raises it — an alert rule, the fraud scores, the
 * model monitoring: the one place its payload is written. A raiser adds what its consumers need besides (the rule, its
 * period; the scored payment).
 *
 * @param expectedValue the baseline the value was judged against; null when there is none (a threshold)
 * @param dimensions the series the alert is about; empty for the whole metric
 */
public record AlertTriggered(String alertId, String alertName, String severity, String description, String metricName,
        double currentValue, double thresholdValue, Double expectedValue, double deviation, Map<String, String> dimensions,
        String status, Instant triggeredAt) {
    public AlertTriggered {
        requireNonNull(alertId, "alertId is null");
        requireNonNull(alertName, "alertName is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(metricName, "metricName is null");
        dimensions = Map.copyOf(dimensions);
        requireNonNull(status, "status is null");
        requireNonNull(triggeredAt, "triggeredAt is null");
    }

    /** The event's data: a fresh map the raiser may add to. */
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertId", alertId);
        data.put("alertName", alertName);
        data.put("severity", severity);
        data.put("description", description);
        data.put("metricName", metricName);
        data.put("currentValue", currentValue);
        data.put("thresholdValue", thresholdValue);
        if (expectedValue != null) {
            data.put("expectedValue", expectedValue);
        }
        data.put("deviation", deviation);
        if (!dimensions.isEmpty()) {
            data.put("dimensions", dimensions);
        }
        data.put("status", status);
        data.put("triggerTimestamp", triggeredAt.toString());
        return data;
    }
}
