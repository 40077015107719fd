package com.platform.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBatchDecoderTest {
    private final EventBatchDecoder decoder = new EventBatchDecoder(3);

    @Test
    void singleIsOneEventOfAnyJsonValue() {
        List<EventInput> events = decoder.decode(BodyFormat.SINGLE, "{\"id\":\"a\"}");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.index()).isZero();
            assertThat(e.isParsed()).isTrue();
            assertThat(e.json()).isEqualTo(Map.of("id", "a"));
        });
        // not an object: still one event, which validation refuses with a reason
        assertThat(decoder.decode(BodyFormat.SINGLE, "[1]")).singleElement()
                .satisfies(e -> assertThat(e.json()).isEqualTo(List.of(1L)));
    }

    @Test
    void batchIsAnArrayOfEventsIndexedInOrder() {
        List<EventInput> events = decoder.decode(BodyFormat.BATCH, "[{\"id\":\"a\"}, 7, {\"id\":\"c\"}]");
        assertThat(events).extracting(EventInput::index).containsExactly(0, 1, 2);
        assertThat(events).extracting(EventInput::json).containsExactly(Map.of("id", "a"), 7L, Map.of("id", "c"));
    }

    @Test
    void emptyBatchIsNoEvents() {
        assertThat(decoder.decode(BodyFormat.BATCH, " [ ] ")).isEmpty();
        assertThat(decoder.decode(BodyFormat.NDJSON, "\n\n  \n")).isEmpty();
        assertThat(decoder.decode(BodyFormat.JSON, "[]")).isEmpty();
    }

    @Test
    void batchThatIsNotAnArrayIsABadBody() {
        assertThatThrownBy(() -> decoder.decode(BodyFormat.BATCH, "{\"id\":\"a\"}"))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
                    assertThat(e.detail()).contains("must be a JSON array").contains("found object");
                });
    }

    @Test
    void unparseableWholeBodyIsABadBodyNamingThePosition() {
        for (BodyFormat format : List.of(BodyFormat.SINGLE, BodyFormat.BATCH, BodyFormat.JSON)) {
            assertThatThrownBy(() -> decoder.decode(format, "[{\"id\":\"a\"},\n {\"id\" \"b\"}]"))
                    .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
                        assertThat(e.detail()).contains("not valid JSON").contains("offset 20")
                                .contains("line 2, column 8");
                    });
        }
        assertThatThrownBy(() -> decoder.decode(BodyFormat.SINGLE, ""))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY));
    }

    @Test
    void ndjsonKeepsGoingPastABadLine() {
        String body = "{\"id\":\"a\"}\r\n\n{\"id\": oops}\n   \n{\"id\":\"c\"}";
        List<EventInput> events = decoder.decode(BodyFormat.NDJSON, body);
        assertThat(events).extracting(EventInput::index).containsExactly(0, 1, 2);
        assertThat(events.get(0).json()).isEqualTo(Map.of("id", "a"));
        assertThat(events.get(1).isParsed()).isFalse();
        assertThat(events.get(1).rawText()).isEqualTo("{\"id\": oops}");
        assertThat(events.get(1).parseError()).contains("line 3");
        assertThat(events.get(2).json()).isEqualTo(Map.of("id", "c"));
    }

    @Test
    void jsonIsSingleForAnObjectAndBatchForAnArray() {
        assertThat(decoder.decode(BodyFormat.JSON, "{\"id\":\"a\"}")).singleElement()
                .satisfies(e -> assertThat(e.json()).isEqualTo(Map.of("id", "a")));
        assertThat(decoder.decode(BodyFormat.JSON, "[{\"id\":\"a\"},{\"id\":\"b\"}]")).hasSize(2);
    }

    @Test
    void moreEventsThanAllowedIsTooLarge() {
        assertThat(decoder.decode(BodyFormat.BATCH, "[1,2,3]")).hasSize(3);
        assertThatThrownBy(() -> decoder.decode(BodyFormat.BATCH, "[1,2,3,4]"))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                    assertThat(e.detail()).contains("at most 3 events");
                });
        assertThatThrownBy(() -> decoder.decode(BodyFormat.NDJSON, "1\n2\n3\nnot json"))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        assertThatThrownBy(() -> decoder.decode(BodyFormat.JSON, "[1,2,3,4]"))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
    }

    @Test
    void maxEventsMustBePositive() {
        assertThatThrownBy(() -> new EventBatchDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
