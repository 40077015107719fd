package com.platform.analytics.adapter.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.adapter.kafka.CloudEventRecordDecoder.Line;
import com.platform.analytics.adapter.kafka.CloudEventRecordDecoder.Undecodable;
import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.domain.json.Json;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventRecordDecoderTest {
    private final CloudEventRecordDecoder decoder = new CloudEventRecordDecoder();

    @Test
    void structuredModeKeepsTheEventAsSentOnOneLine() {
        String pretty = "{\n  \"specversion\": \"1.0\",\r\n  \"id\": \"a\\nb\"\n}";
        Line line = (Line) decoder.decode(headers("content-type", "application/cloudevents+json; charset=utf-8"),
                pretty.getBytes(UTF_8));
        assertThat(line.json()).doesNotContain("\n", "\r");
        assertThat(Json.parseObject(line.json())).isEqualTo(Json.parseObject(pretty));
    }

    @Test
    void aValueWithoutHeadersIsAStructuredEvent() {
        assertThat(decoder.decode(new RecordHeaders(), "{\"id\":\"1\"}".getBytes(UTF_8)))
                .isEqualTo(new Line("{\"id\":\"1\"}"));
    }

    @Test
    void structuredValuesThatAreNotAJsonObjectCannotBeDecoded() {
        assertThat(decoder.decode(new RecordHeaders(), "nope".getBytes(UTF_8)))
                .isInstanceOfSatisfying(Undecodable.class, u -> assertThat(u.code()).isEqualTo(RejectionCode.MALFORMED_JSON));
        assertThat(decoder.decode(new RecordHeaders(), "[1]".getBytes(UTF_8)))
                .isInstanceOfSatisfying(Undecodable.class, u -> assertThat(u.code()).isEqualTo(RejectionCode.INVALID_ENVELOPE));
        assertThat(decoder.decode(new RecordHeaders(), null)).isInstanceOf(Undecodable.class);
        assertThat(decoder.decode(new RecordHeaders(), new byte[] {(byte) 0xC3, (byte) 0x28}))
                .isInstanceOf(Undecodable.class);
        assertThat(decoder.decode(headers("content-type", "application/cloudevents-batch+json"), "[]".getBytes(UTF_8)))
                .isInstanceOfSatisfying(Undecodable.class, u -> assertThat(u.reason()).contains("batched"));
    }

    @Test
    void binaryModeBuildsTheEventFromHeadersAndValue() {
        Line line = (Line) decoder.decode(headers("ce_specversion", "1.0", "ce_id", "7", "ce_source", "/s",
                "ce_type", "t", "ce_time", "2026-01-01T00:00:00Z", "content-type", "application/json", "other", "x"),
                "{\"a\":1}".getBytes(UTF_8));
        assertThat(Json.parseObject(line.json())).isEqualTo(Map.of("specversion", "1.0", "id", "7", "source", "/s",
                "type", "t", "time", "2026-01-01T00:00:00Z", "datacontenttype", "application/json", "data", Map.of("a", 1L)));
    }

    @Test
    void binaryModeWithOtherMediaTypesCarriesTheDataAsBase64() {
        Line line = (Line) decoder.decode(headers("ce_specversion", "1.0", "ce_id", "7", "ce_source", "/s",
                "ce_type", "t", "content-type", "text/plain"), "hi".getBytes(UTF_8));
        assertThat(Json.parseObject(line.json())).containsEntry("data_base64", "aGk=").doesNotContainKey("data");
    }

    @Test
    void binaryModeNeedsTheRequiredAttributesAndJsonData() {
        assertThat(decoder.decode(headers("ce_specversion", "1.0", "ce_id", "7", "ce_source", "/s"), "{}".getBytes(UTF_8)))
                .isEqualTo(new Undecodable(RejectionCode.INVALID_ENVELOPE, "binary-mode CloudEvent without header ce_type"));
        assertThat(decoder.decode(headers("ce_specversion", "1.0", "ce_id", "7", "ce_source", "/s", "ce_type", "t"),
                "{oops".getBytes(UTF_8)))
                .isInstanceOfSatisfying(Undecodable.class, u -> assertThat(u.code()).isEqualTo(RejectionCode.MALFORMED_JSON));
    }

    private static RecordHeaders headers(String... keysAndValues) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            headers.add(keysAndValues[i], keysAndValues[i + 1].getBytes(UTF_8));
        }
        return headers;
    }
}
