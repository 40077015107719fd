package com.platform.analytics.domain.publish;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An event the service publishes, as the CloudEvent its consumers receive.
 *
 * @param id unique per event; consumers deduplicate on ({@link #SOURCE}, id), since delivery is at least once
 * @param type one of {@link #TYPES}
 * @param subject what the event is about (a report instance, a segment, an alert); also the Kafka record key, so
 *     the events of one subject stay in order
 * @param time when the state change happened (kept to the millisecond, as published)
 * @param data the payload (spec 5.1), JSON-ready values
 */
public record OutgoingEvent(UUID id, String type, String subject, Instant time, Map<String, Object> data) {
    /** The CloudEvents {@code source} of everything this service publishes. */
    public static final String SOURCE = "/analytics-service";
    public static final String REPORT_GENERATED = "com.platform.analytics.report.generated.v1";
    public static final String SEGMENT_UPDATED = "com.platform.analytics.segment.updated.v1";
    public static final String ALERT_TRIGGERED = "com.platform.analytics.alert.triggered.v1";
    public static final Set<String> TYPES = Set.of(REPORT_GENERATED, SEGMENT_UPDATED, ALERT_TRIGGERED);
    /** RFC 3339 in UTC with milliseconds, as the platform's own events carry it. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public OutgoingEvent {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(time, "time is null");
        requireNonNull(data, "data is null");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("not a type this service publishes: " + type);
        }
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject is blank");
        }
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        // the published time carries milliseconds: the event read back from the outbox equals the one appended
        time = time.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** A new event with a random id. */
    public static OutgoingEvent of(String type, String subject, Instant time, Map<String, Object> data) {
        return new OutgoingEvent(UUID.randomUUID(), type, subject, time, data);
    }

    /** The structured-mode CloudEvent (JSON), as published. */
    public String toCloudEventJson() {
        Map<String, Object> ce = new LinkedHashMap<>();
        ce.put("specversion", "1.0");
        ce.put("id", id.toString());
        ce.put("source", SOURCE);
        ce.put("type", type);
        ce.put("time", TIME.format(time));
        ce.put("subject", subject);
        ce.put("datacontenttype", "application/json");
        ce.put("data", data);
        return Json.write(ce);
    }
}
