package com.platform.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventTest {
    @Test
    void writeJsonWithSerializedDataEqualsTheJsonOfTheEvent() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", "k1_abc");
        data.put("amount", Map.of("value", "1499.00", "currency", "RUB"));
        data.put("tags", List.of("a\"b", "ведьмак", 3L));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("traceparent", "00-abc-01");
        extensions.put("partitionkey", 7L);
        CloudEvent full = new CloudEvent("1.0", "id-1", "/payment-service", "t.v1", "2026-03-01T10:00:00+03:00",
                Instant.parse("2026-03-01T07:00:00Z"), "k1_abc", "application/json", "urn:x", data, extensions);
        CloudEvent bare = new CloudEvent("1.0", "id-2", "/s", "t.v1", "2026-03-01T10:00:00Z",
                Instant.parse("2026-03-01T10:00:00Z"), null, null, null, Map.of(), Map.of());

        for (CloudEvent e : List.of(full, bare)) {
            StringBuilder sb = new StringBuilder();
            e.writeJson(sb, Json.write(e.data()));
            assertThat(sb.toString()).isEqualTo(Json.write(e.toJson()));
        }
    }
}
