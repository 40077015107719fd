package com.platform.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.SharedFiles;
import com.platform.analytics.domain.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    private static final String PURCHASE = EventTypes.TRANSACTION_COMPLETED;
    private final EventValidator validator = new EventValidator(EventTypeRegistry.platformContract());

    private static Map<String, Object> example(String type) {
        return Json.parseObject(SharedFiles.examples().get(type));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> amount(Map<String, Object> event) {
        return (Map<String, Object>) data(event).get("amount");
    }

    private Validated validate(Map<String, Object> event) {
        return validator.validate(EventInput.parsed(4, event));
    }

    private Rejection rejected(String type, Consumer<Map<String, Object>> change) {
        Map<String, Object> event = example(type);
        change.accept(event);
        Validated v = validate(event);
        assertThat(v.isValid()).as("expected a rejection of %s", Json.write(event)).isFalse();
        assertThat(v.rejection().index()).isEqualTo(4);
        return v.rejection();
    }

    private void assertRejected(String type, Consumer<Map<String, Object>> change, RejectionCode code, String pointer,
            String detailPart) {
        Rejection r = rejected(type, change);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.pointer()).isEqualTo(pointer);
        assertThat(r.detail()).contains(detailPart);
    }

    @Test
    void everyExampleOfTheContractIsValid() {
        Map<String, String> examples = SharedFiles.examples();
        assertThat(examples).hasSize(20);
        examples.forEach((type, text) -> {
            Validated v = validator.validate(EventInput.parsed(0, Json.parse(text)));
            assertThat(v.rejection()).as(type).isNull();
            CloudEvent e = v.event();
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.time()).isEqualTo(Instant.parse("2026-03-15T10:00:00Z"));
            assertThat(e.datacontenttype()).isEqualTo("application/json");
            assertThat(e.dataschema()).isEqualTo("urn:platform-events:" + type);
            assertThat(e.extensions()).isEmpty();
            assertThat(e.data()).isEqualTo(data(Json.parseObject(text)));
        });
    }

    @Test
    void everyGoldenEventIsValid() {
        List<String> lines = SharedFiles.goldenEventLines();
        assertThat(lines).hasSizeGreaterThan(5000);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Validated v = validator.validate(EventInput.parsed(i, Json.parse(lines.get(i))));
            if (!v.isValid()) {
                problems.add("line " + (i + 1) + ": " + v.rejection());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void dataViolationsNameTheField() {
        assertRejected(PURCHASE, e -> data(e).remove("userId"), RejectionCode.INVALID_DATA, "/data/userId",
                "/data/userId is required but missing");
        assertRejected(PURCHASE, e -> data(e).put("userId", "not-a-uuid"), RejectionCode.INVALID_DATA, "/data/userId",
                "must be a UUID");
        assertRejected(PURCHASE, e -> data(e).put("itemType", "car"), RejectionCode.INVALID_DATA, "/data/itemType",
                "must be one of \"game\"");
        assertRejected(PURCHASE, e -> amount(e).put("value", "14.999"),
                RejectionCode.INVALID_DATA, "/data/amount/value", "does not match the pattern");
        assertRejected(PURCHASE, e -> amount(e).put("currency", "rub"),
                RejectionCode.INVALID_DATA, "/data/amount/currency", "does not match the pattern");
        assertRejected(PURCHASE, e -> amount(e).put("tax", "1.00"),
                RejectionCode.INVALID_DATA, "/data/amount/tax", "not an allowed property");
        assertRejected(EventTypes.USER_REGISTERED, e -> data(e).put("registeredAt", "yesterday"),
                RejectionCode.INVALID_DATA, "/data/registeredAt", "RFC 3339");
        assertRejected(EventTypes.USER_REGISTERED, e -> data(e).put("email", "ivan.petrov"),
                RejectionCode.INVALID_DATA, "/data/email", "email address");
        assertRejected(EventTypes.SESSION_ENDED, e -> data(e).put("durationSeconds", "3725"),
                RejectionCode.INVALID_DATA, "/data/durationSeconds", "must be an integer, found a string");
        assertRejected(EventTypes.SESSION_ENDED, e -> data(e).put("durationSeconds", -1L),
                RejectionCode.INVALID_DATA, "/data/durationSeconds", "must be at least 0, found -1");
        assertRejected(EventTypes.REVIEW_CREATED, e -> data(e).put("rating", 11L),
                RejectionCode.INVALID_DATA, "/data/rating", "must be at most 10");
        assertRejected(EventTypes.GAME_PUBLISHED, e -> data(e).put("releaseDate", "2026-13-01"),
                RejectionCode.INVALID_DATA, "/data/releaseDate", "calendar date");
        assertRejected(EventTypes.PROFILE_UPDATED, e -> data(e).put("changedFields", List.of("country", 5L)),
                RejectionCode.INVALID_DATA, "/data/changedFields/1", "must be a string");
    }

    @Test
    void aDetailCountsFurtherProblems() {
        Rejection r = rejected(PURCHASE, e -> {
            data(e).remove("userId");
            data(e).remove("transactionId");
            data(e).put("country", "Russia");
        });
        assertThat(r.detail()).contains("(and 2 more problems)");
    }

    @Test
    void envelopeViolations() {
        assertRejected(PURCHASE, e -> e.put("specversion", "0.3"), RejectionCode.INVALID_ENVELOPE, "/specversion",
                "specversion must be \"1.0\"");
        assertRejected(PURCHASE, e -> e.remove("specversion"), RejectionCode.INVALID_ENVELOPE, "/specversion",
                "missing");
        assertRejected(PURCHASE, e -> e.remove("id"), RejectionCode.INVALID_ENVELOPE, "/id",
                "the required attribute id is missing");
        assertRejected(PURCHASE, e -> e.put("id", ""), RejectionCode.INVALID_ENVELOPE, "/id", "must not be empty");
        assertRejected(PURCHASE, e -> e.put("id", 5L), RejectionCode.INVALID_ENVELOPE, "/id", "must be a string");
        assertRejected(PURCHASE, e -> e.remove("source"), RejectionCode.INVALID_ENVELOPE, "/source", "missing");
        assertRejected(PURCHASE, e -> e.put("type", Json.NULL), RejectionCode.INVALID_ENVELOPE, "/type", "missing");
        assertRejected(PURCHASE, e -> e.remove("time"), RejectionCode.INVALID_ENVELOPE, "/time", "missing");
        assertRejected(PURCHASE, e -> e.put("time", "2026-03-15T10:00:00"), RejectionCode.INVALID_ENVELOPE, "/time",
                "time zone offset");
        assertRejected(PURCHASE, e -> e.put("time", "15.03.2026"), RejectionCode.INVALID_ENVELOPE, "/time", "RFC 3339");
        assertRejected(PURCHASE, e -> e.put("subject", 1L), RejectionCode.INVALID_ENVELOPE, "/subject",
                "must be a string");
        assertRejected(PURCHASE, e -> e.put("datacontenttype", "text/plain"), RejectionCode.INVALID_ENVELOPE,
                "/datacontenttype", "application/json");
        assertRejected(PURCHASE, e -> e.remove("data"), RejectionCode.INVALID_ENVELOPE, "/data", "data is required");
        assertRejected(PURCHASE, e -> e.put("data", List.of()), RejectionCode.INVALID_ENVELOPE, "/data",
                "must be a JSON object, found array");
        assertRejected(PURCHASE, e -> e.put("traceId", "x"), RejectionCode.INVALID_ENVELOPE, "/traceId",
                "lower-case letters and digits");
        assertRejected(PURCHASE, e -> e.put("trace_id", "x"), RejectionCode.INVALID_ENVELOPE, "/trace_id",
                "lower-case letters and digits");
        assertRejected(PURCHASE, e -> e.put("traceinfo", Map.of("a", 1L)), RejectionCode.INVALID_ENVELOPE,
                "/traceinfo", "must be a string, an integer or a boolean");
        assertRejected(PURCHASE, e -> e.put("data_base64", "AAAA"), RejectionCode.INVALID_ENVELOPE, "/data_base64",
                "not supported");
    }

    @Test
    void anEventMustBeAnObjectAndParse() {
        Validated notObject = validator.validate(EventInput.parsed(2, List.of(1L)));
        assertThat(notObject.rejection()).isEqualTo(
                new Rejection(2, RejectionCode.INVALID_ENVELOPE, "an event must be a JSON object, found array", null));
        Validated malformed = validator.validate(EventInput.unparseable(3, "{\"id\": oops}", "unexpected character 'o'"));
        assertThat(malformed.rejection().code()).isEqualTo(RejectionCode.MALFORMED_JSON);
        assertThat(malformed.rejection().index()).isEqualTo(3);
        assertThat(malformed.rejection().detail()).contains("unexpected character 'o'");
    }

    @Test
    void timeWithAnOffsetIsNormalizedToUtcKeepingMilliseconds() {
        Map<String, Object> event = example(PURCHASE);
        event.put("time", "2026-03-15T02:30:00.123456+03:00");
        CloudEvent e = validate(event).event();
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-14T23:30:00.123Z"));
        assertThat(e.timeText()).isEqualTo("2026-03-15T02:30:00.123456+03:00");
    }

    @Test
    void anUnknownTypeIsAcceptedWhenItsEnvelopeIsValid() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", "1");
        event.put("source", "/new-service");
        event.put("type", "com.platform.new.thing.happened.v1");
        event.put("time", "2026-03-15T10:00:00Z");
        event.put("data", Map.of("anything", List.of(1L, "two")));
        Validated v = validate(event);
        assertThat(v.isValid()).isTrue();
        assertThat(v.event().data()).isEqualTo(Map.of("anything", List.of(1L, "two")));

        event.remove("data");
        assertThat(validate(event).event().data()).isEmpty();

        event.remove("time");
        assertThat(validate(event).rejection().pointer()).isEqualTo("/time");
    }

    @Test
    void otherAttributesBecomeExtensions() {
        Map<String, Object> event = example(PURCHASE);
        event.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        event.put("partition2", 7L);
        event.put("replayed", true);
        event.put("ignored", Json.NULL);
        event.put("datacontenttype", "application/cloudevents+json; charset=utf-8");
        CloudEvent e = validate(event).event();
        assertThat(e.extensions()).containsExactly(
                Map.entry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                Map.entry("partition2", 7L), Map.entry("replayed", true));
    }

    @Test
    void optionalAttributesMayBeAbsent() {
        Map<String, Object> event = example(PURCHASE);
        event.remove("subject");
        event.remove("datacontenttype");
        event.put("dataschema", Json.NULL);
        CloudEvent e = validate(event).event();
        assertThat(e.subject()).isNull();
        assertThat(e.datacontenttype()).isNull();
        assertThat(e.dataschema()).isNull();
    }

    @Test
    void overlongIdOrSourceIsRefused() {
        EventValidator validator = new EventValidator(EventTypeRegistry.platformContract());
        String ok = "{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"%s\",\"type\":\"x.y.v1\",\"time\":\"2026-03-01T00:00:00Z\",\"data\":{}}";
        String longest = "a".repeat(EventValidator.MAX_KEY_ATTRIBUTE_LENGTH);
        org.assertj.core.api.Assertions.assertThat(validator.validate(EventInput.parsed(0,
                com.platform.analytics.domain.json.Json.parse(ok.formatted(longest, "/s")))).isValid()).isTrue();
        Validated tooLongId = validator.validate(EventInput.parsed(0,
                com.platform.analytics.domain.json.Json.parse(ok.formatted(longest + "a", "/s"))));
        org.assertj.core.api.Assertions.assertThat(tooLongId.rejection().pointer()).isEqualTo("/id");
        Validated tooLongSource = validator.validate(EventInput.parsed(0,
                com.platform.analytics.domain.json.Json.parse(ok.formatted("i", "/" + longest))));
        org.assertj.core.api.Assertions.assertThat(tooLongSource.rejection().pointer()).isEqualTo("/source");
    }
}
