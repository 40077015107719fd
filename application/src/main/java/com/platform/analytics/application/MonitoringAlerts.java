package com.platform.analytics.application;

import com.platform.analytics.domain.publish.OutgoingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code alert.triggered} events the model monitoring raises itself (no alert rule behind them): the spec's
 * payload (5.1) in the shape {@link AlertService} publishes, with an id derived from what the alert is about, so
 * that {@link com.platform.analytics.port.out.DeduplicatingOutbox} announces each key once.
 */
final class MonitoringAlerts {
    private MonitoringAlerts() {
    }

    /** A name-based (version 3) UUID of the key: the same key, the same event id, in every run and instance. */
    static UUID eventId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The event, its data as {@link AlertService#announcement} writes it plus {@code details} for the consumer to
     * act on.
     */
    static OutgoingEvent triggered(String key, String subject, String alertName, String severity, String description,
            String metricName, double currentValue, double thresholdValue, Map<String, String> dimensions,
            Instant triggeredAt, Map<String, Object> details) {
        UUID id = eventId(key);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertId", id.toString());
        data.put("alertName", alertName);
        data.put("severity", severity);
        data.put("description", description);
        data.put("metricName", metricName);
        data.put("currentValue", currentValue);
        data.put("thresholdValue", thresholdValue);
        data.put("deviation", currentValue - thresholdValue);
        if (!dimensions.isEmpty()) {
            data.put("dimensions", dimensions);
        }
        data.put("status", "firing");
        data.put("triggerTimestamp", triggeredAt.toString());
        data.put("details", details);
        return new OutgoingEvent(id, OutgoingEvent.ALERT_TRIGGERED, subject, triggeredAt, data);
    }
}
