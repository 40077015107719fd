package com.platform.analytics.adapter.kafka;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.domain.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Turns a Kafka record into one line of NDJSON holding a structured-mode CloudEvent, following the
 * CloudEvents Kafka protocol binding:
 *
 * <ul>
 *   <li>structured mode: {@code content-type} is {@code application/cloudevents+json} (or absent, with no
 *       {@code ce_specversion} header) and the value is the event as JSON;</li>
 *   <li>binary mode: the attributes are {@code ce_*} headers, {@code content-type} is the
 *       {@code datacontenttype}, and the value is the {@code data}.</li>
 * </ul>
 *
 * <p>Only what cannot become a line at all is refused here (a value that is not JSON, binary mode without a
 * required attribute, batched mode); whether the event is valid is the pipeline's call, so that both
 * transports refuse the same events for the same reasons.
 */
final class CloudEventRecordDecoder {
    static final String CONTENT_TYPE = "content-type";
    static final String ATTRIBUTE_PREFIX = "ce_";
    private static final List<String> REQUIRED_ATTRIBUTES = List.of("specversion", "id", "source", "type");

    /** What became of a record: a line for the pipeline, or the reason it cannot be one. */
    sealed interface Decoded permits Line, Undecodable {
    }

    /** @param json a CloudEvent as JSON text on a single line */
    record Line(String json) implements Decoded {
        Line {
            requireNonNull(json, "json is null");
        }
    }

    record Undecodable(RejectionCode code, String reason) implements Decoded {
        Undecodable {
            requireNonNull(code, "code is null");
            requireNonNull(reason, "reason is null");
        }
    }

    Decoded decode(Headers headers, byte[] value) {
        String contentType = lastHeader(headers, CONTENT_TYPE);
        if (contentType != null && baseType(contentType).startsWith("application/cloudevents")) {
            if (!baseType(contentType).equals("application/cloudevents+json")) {
                return new Undecodable(RejectionCode.INVALID_ENVELOPE,
                        "content-type " + contentType + " is not supported (only application/cloudevents+json"
                                + " in structured mode; the Kafka binding has no batched mode)");
            }
            return structured(value);
        }
        if (headers.lastHeader(ATTRIBUTE_PREFIX + "specversion") != null) {
            return binary(headers, contentType, value);
        }
        // no content type and no ce_ headers: producers that write the event JSON as the value and nothing else
        return structured(value);
    }

    private static Decoded structured(byte[] value) {
        if (value == null) {
            return new Undecodable(RejectionCode.MALFORMED_JSON, "the record has no value (a tombstone)");
        }
        String text;
        try {
            text = utf8(value);
        } catch (CharacterCodingException e) {
            return new Undecodable(RejectionCode.MALFORMED_JSON, "the value is not UTF-8 text");
        }
        Object event;
        try {
            event = Json.parse(text);
        } catch (Json.JsonException e) {
            return new Undecodable(RejectionCode.MALFORMED_JSON, "the value is not JSON: " + e.getMessage());
        }
        if (!(event instanceof Map)) {
            return new Undecodable(RejectionCode.INVALID_ENVELOPE,
                    "a structured-mode CloudEvent is a JSON object, found " + Json.typeName(event));
        }
        // raw line breaks can only be whitespace between JSON tokens (inside strings they must be escaped):
        // blanking them keeps the event exactly as sent and makes it one NDJSON line
        return new Line(text.replace('\n', ' ').replace('\r', ' '));
    }

    private static Decoded binary(Headers headers, String contentType, byte[] value) {
        Map<String, Object> event = new LinkedHashMap<>();
        for (Header header : headers) {
            String key = header.key().toLowerCase(Locale.ROOT);
            if (!key.startsWith(ATTRIBUTE_PREFIX) || key.length() == ATTRIBUTE_PREFIX.length()) {
                continue;
            }
            String attribute = key.substring(ATTRIBUTE_PREFIX.length());
            if (attribute.equals("data") || attribute.equals("data_base64")) {
                continue; // the data is the value, never a header
            }
            if (header.value() == null) {
                continue;
            }
            try {
                event.put(attribute, utf8(header.value()));
            } catch (CharacterCodingException e) {
                return new Undecodable(RejectionCode.INVALID_ENVELOPE, "header " + header.key() + " is not UTF-8 text");
            }
        }
        for (String required : REQUIRED_ATTRIBUTES) {
            Object attribute = event.get(required);
            if (attribute == null || attribute.toString().isEmpty()) {
                return new Undecodable(RejectionCode.INVALID_ENVELOPE,
                        "binary-mode CloudEvent without header " + ATTRIBUTE_PREFIX + required);
            }
        }
        if (contentType != null) {
            event.put("datacontenttype", contentType);
        }
        if (value != null) {
            if (contentType == null || isJson(contentType)) {
                try {
                    event.put("data", Json.parse(utf8(value)));
                } catch (CharacterCodingException e) {
                    return new Undecodable(RejectionCode.MALFORMED_JSON, "the data is not UTF-8 text");
                } catch (Json.JsonException e) {
                    return new Undecodable(RejectionCode.MALFORMED_JSON, "the data is not JSON: " + e.getMessage());
                }
            } else {
                // the JSON event format carries other media types as base64; the pipeline decides what it accepts
                event.put("data_base64", Base64.getEncoder().encodeToString(value));
            }
        }
        return new Line(Json.write(event));
    }

    private static boolean isJson(String contentType) {
        String base = baseType(contentType);
        return base.equals("application/json") || base.endsWith("+json") || base.equals("text/json");
    }

    private static String baseType(String contentType) {
        return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String lastHeader(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        if (header == null || header.value() == null) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
