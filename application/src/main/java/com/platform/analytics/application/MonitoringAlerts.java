package com.platform.analytics.application;

import com.platform.analytics.domain.alert.AlertTriggered;
import com.platform.analytics.domain.publish.OutgoingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
     * The event: the payload every alert.triggered carries ({@link AlertTriggered}) plus {@code details} for the
     * consumer to act on.
     */
    static OutgoingEvent triggered(String key, String subject, String alertName, String severity, String description,
            String metricName, double currentValue, double thresholdValue, Map<String, String> dimensions,
            Instant triggeredAt, Map<String, Object> details) {
        UUID id = eventId(key);
        Map<String, Object> data = new AlertTriggered(id.toString(), alertName, severity, description, metricName,
                currentValue, thresholdValue, null, currentValue - thresholdValue, dimensions, "firing", triggeredAt).data();
        data.put("details", details);
        return new OutgoingEvent(id, OutgoingEvent.ALERT_TRIGGERED, subject, triggeredAt, data);
    }
}
