package com.platform.analytics.domain.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudEvents 1.0 event in structured mode, after envelope validation.
 *
 * @param timeText the {@code time} attribute as sent (RFC 3339, any offset)
 * @param time the same instant, in UTC
 * @param data the {@code data} payload as a JSON tree (see {@link com.platform.analytics.domain.json.Json})
 * @param extensions every other top-level attribute, kept as sent
 */
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String timeText,
        Instant time,
        String subject,
        String datacontenttype,
        String dataschema,
        Map<String, Object> data,
        Map<String, Object> extensions) {

    public CloudEvent {
        requireNonNull(specversion, "specversion is null");
        requireNonNull(id, "id is null");
        requireNonNull(source, "source is null");
        requireNonNull(type, "type is null");
        requireNonNull(timeText, "timeText is null");
        requireNonNull(time, "time is null");
        data = data == null ? Map.of() : data;
        extensions = extensions == null ? Map.of() : extensions;
    }

    public EventKey key() {
        return new EventKey(source, id);
    }

    /** The service name of {@code source} ({@code /payment-service} gives {@code payment-service}). */
    public String serviceName() {
        String s = source.startsWith("/") ? source.substring(1) : source;
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }

    public CloudEvent withData(Map<String, Object> newData, String newSubject) {
        return new CloudEvent(specversion, id, source, type, timeText, time, newSubject, datacontenttype,
                dataschema, newData, extensions);
    }

    /** The event as a CloudEvents JSON object (structured mode), attributes first. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("specversion", specversion);
        m.put("id", id);
        m.put("source", source);
        m.put("type", type);
        m.put("time", timeText);
        if (subject != null) {
            m.put("subject", subject);
        }
        if (datacontenttype != null) {
            m.put("datacontenttype", datacontenttype);
        }
        if (dataschema != null) {
            m.put("dataschema", dataschema);
        }
        m.putAll(extensions);
        m.put("data", data);
        return m;
    }

    /**
     * Writes the event as {@link #toJson()} would, with {@code data} given as its JSON text (which must be
     * {@code Json.write(data())}): callers that already serialized the payload need not do it twice.
     */
    public void writeJson(StringBuilder sb, String dataJson) {
        sb.append("{\"specversion\":");
        com.platform.analytics.domain.json.Json.writeString(specversion, sb);
        attribute(sb, "id", id);
        attribute(sb, "source", source);
        attribute(sb, "type", type);
        attribute(sb, "time", timeText);
        attribute(sb, "subject", subject);
        attribute(sb, "datacontenttype", datacontenttype);
        attribute(sb, "dataschema", dataschema);
        for (Map.Entry<String, Object> e : extensions.entrySet()) {
            sb.append(',');
            com.platform.analytics.domain.json.Json.writeString(e.getKey(), sb);
            sb.append(':');
            com.platform.analytics.domain.json.Json.write(e.getValue(), sb);
        }
        sb.append(",\"data\":").append(dataJson).append('}');
    }

    private static void attribute(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(",\"").append(name).append("\":");
            com.platform.analytics.domain.json.Json.writeString(value, sb);
        }
    }
}
