package com.platform.analytics.domain.event;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates one event: the CloudEvents 1.0 envelope (JSON structured mode), then the {@code data} of a
 * registered type against its schema. The first problem found is the rejection; later ones would only
 * repeat the advice "fix the event".
 *
 * <p>Rules beyond CloudEvents itself, from the platform contract: {@code time} is required (metrics bucket
 * by it), {@code data} of a registered type is required, and {@code data} is always a JSON object (the
 * contract has no other kind; {@code data_base64} is refused).
 */
public final class EventValidator {
    /**
     * Longest {@code id} and {@code source}: together they identify an event and are stored and looked up for
     * every event, so they are bounded (CloudEvents sets no limit; real ids are UUIDs and service paths).
     */
    public static final int MAX_KEY_ATTRIBUTE_LENGTH = 1024;
    private static final java.util.Set<String> KEY_ATTRIBUTES = java.util.Set.of("id", "source");

    private static final Set<String> CONTEXT_ATTRIBUTES = Set.of(
            "specversion", "id", "source", "type", "time", "subject", "datacontenttype", "dataschema", "data");

    private final EventTypeRegistry registry;

    public EventValidator(EventTypeRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    public Validated validate(EventInput in) {
        requireNonNull(in, "in is null");
        if (!in.isParsed()) {
            return reject(in, RejectionCode.MALFORMED_JSON, "the event is not valid JSON: " + in.parseError(), null);
        }
        if (!(in.json() instanceof Map<?, ?> raw)) {
            return envelope(in, "an event must be a JSON object, found " + Json.typeName(in.json()), null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) raw;

        Object specversion = present(event, "specversion");
        if (specversion == null) {
            return envelope(in, "the required attribute specversion is missing", "/specversion");
        }
        if (!"1.0".equals(specversion)) {
            return envelope(in, "specversion must be \"1.0\" (CloudEvents 1.0), found " + Json.write(specversion),
                    "/specversion");
        }
        Rejection problem = requiredString(in, event, "id");
        if (problem == null) {
            problem = requiredString(in, event, "source");
        }
        if (problem == null) {
            problem = requiredString(in, event, "type");
        }
        if (problem == null) {
            problem = requiredString(in, event, "time");
        }
        if (problem == null) {
            problem = optionalString(in, event, "subject");
        }
        if (problem == null) {
            problem = optionalString(in, event, "datacontenttype");
        }
        if (problem == null) {
            problem = optionalString(in, event, "dataschema");
        }
        if (problem != null) {
            return Validated.rejected(problem);
        }
        String type = (String) event.get("type");
        String timeText = (String) event.get("time");
        Optional<OffsetDateTime> time = Rfc3339.parseDateTime(timeText);
        if (time.isEmpty()) {
            return envelope(in, "time must be an RFC 3339 date-time with a time zone offset, such as "
                    + "2026-03-15T10:00:00Z or 2026-03-15T13:00:00+03:00", "/time");
        }
        String datacontenttype = (String) present(event, "datacontenttype");
        if (datacontenttype != null && !isJsonMediaType(datacontenttype)) {
            return envelope(in, "datacontenttype must be application/json (or a +json type), found "
                    + Json.write(datacontenttype), "/datacontenttype");
        }

        Map<String, Object> extensions = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : event.entrySet()) {
            String name = e.getKey();
            if (CONTEXT_ATTRIBUTES.contains(name)) {
                continue;
            }
            String at = JsonPointers.child("", name);
            if (name.equals("data_base64")) {
                return envelope(in, "data_base64 (binary data) is not supported: send data as a JSON object", at);
            }
            if (!isExtensionName(name)) {
                return envelope(in, "extension attribute names must be lower-case letters and digits only", at);
            }
            Object value = e.getValue();
            if (value == Json.NULL) {
                continue; // CloudEvents JSON format: a null attribute is an absent one
            }
            if (value instanceof Map || value instanceof List || (value instanceof Number && !JsonSchema.isInteger(value))) {
                return envelope(in, "extension attribute " + name + " must be a string, an integer or a boolean, found "
                        + Json.typeName(value), at);
            }
            extensions.put(name, value);
        }

        Object data = present(event, "data");
        Optional<JsonSchema> schema = registry.schema(type);
        if (data == null && schema.isPresent()) {
            return envelope(in, "data is required for events of type " + type, "/data");
        }
        if (data != null && !(data instanceof Map)) {
            return envelope(in, "data must be a JSON object, found " + Json.typeName(data), "/data");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dataObject = (Map<String, Object>) data;
        if (schema.isPresent()) {
            List<JsonSchema.Violation> violations = schema.get().validate(dataObject, "/data");
            if (!violations.isEmpty()) {
                JsonSchema.Violation first = violations.get(0);
                String detail = first.pointer() + " " + first.message()
                        + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more problem"
                                + (violations.size() > 2 ? "s" : "") + ")" : "");
                return reject(in, RejectionCode.INVALID_DATA, detail, first.pointer());
            }
        }

        Instant instant = time.get().toInstant().truncatedTo(ChronoUnit.MILLIS);
        return Validated.valid(new CloudEvent("1.0", (String) event.get("id"), (String) event.get("source"), type,
                timeText, instant, (String) present(event, "subject"), datacontenttype,
                (String) present(event, "dataschema"), dataObject, extensions));
    }

    /** The attribute's value, null when absent or JSON null (CloudEvents treats both the same). */
    private static Object present(Map<String, Object> event, String name) {
        Object v = event.get(name);
        return v == Json.NULL ? null : v;
    }

    private static Rejection requiredString(EventInput in, Map<String, Object> event, String name) {
        Object v = present(event, name);
        if (v == null) {
            return envelopeRejection(in, "the required attribute " + name + " is missing", "/" + name);
        }
        Rejection problem = nonEmptyString(in, v, name);
        if (problem == null && KEY_ATTRIBUTES.contains(name) && ((String) v).length() > MAX_KEY_ATTRIBUTE_LENGTH) {
            return envelopeRejection(in, name + " is longer than " + MAX_KEY_ATTRIBUTE_LENGTH + " characters", "/" + name);
        }
        return problem;
    }

    private static Rejection optionalString(EventInput in, Map<String, Object> event, String name) {
        Object v = present(event, name);
        return v == null ? null : nonEmptyString(in, v, name);
    }

    private static Rejection nonEmptyString(EventInput in, Object v, String name) {
        if (!(v instanceof String s)) {
            return envelopeRejection(in, name + " must be a string, found " + Json.typeName(v), "/" + name);
        }
        if (s.isEmpty()) {
            return envelopeRejection(in, name + " must not be empty", "/" + name);
        }
        return null;
    }

    static boolean isJsonMediaType(String mediaType) {
        String base = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.equals("application/json") || (base.startsWith("application/") && base.endsWith("+json"));
    }

    /** CloudEvents 1.0: extension names are lower-case ASCII letters and digits. */
    static boolean isExtensionName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static Validated envelope(EventInput in, String detail, String pointer) {
        return Validated.rejected(envelopeRejection(in, detail, pointer));
    }

    private static Rejection envelopeRejection(EventInput in, String detail, String pointer) {
        return new Rejection(in.index(), RejectionCode.INVALID_ENVELOPE, detail, pointer);
    }

    private static Validated reject(EventInput in, RejectionCode code, String detail, String pointer) {
        return Validated.rejected(new Rejection(in.index(), code, detail, pointer));
    }
}
