package com.platform.analytics.domain.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutgoingEventTest {
    @Test
    void isPublishedAsAStructuredCloudEvent() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segmentId", "3b0c7a8e-1111-4c1e-9f2a-1b2c3d4e5f60");
        data.put("segmentName", "active_rpg_players_last_month");
        data.put("userCount", 15230L);
        data.put("calculationTimestamp", "2026-03-01T00:00:00.000Z");
        OutgoingEvent e = new OutgoingEvent(UUID.fromString("e5bdf0fe-2b35-51a1-b13c-fdca7578b23a"),
                OutgoingEvent.SEGMENT_UPDATED, "3b0c7a8e-1111-4c1e-9f2a-1b2c3d4e5f60",
                Instant.parse("2026-03-01T10:15:30.123456Z"), data);

        Map<String, Object> ce = Json.parseObject(e.toCloudEventJson());

        assertThat(ce).containsEntry("specversion", "1.0")
                .containsEntry("id", "e5bdf0fe-2b35-51a1-b13c-fdca7578b23a")
                .containsEntry("source", "/analytics-service")
                .containsEntry("type", "com.platform.analytics.segment.updated.v1")
                .containsEntry("time", "2026-03-01T10:15:30.123Z")
                .containsEntry("subject", "3b0c7a8e-1111-4c1e-9f2a-1b2c3d4e5f60")
                .containsEntry("datacontenttype", "application/json")
                .containsEntry("data", data);
    }

    @Test
    void refusesATypeThisServiceDoesNotPublish() {
        assertThatThrownBy(() -> OutgoingEvent.of("com.platform.auth.user.registered.v1", "x", Instant.EPOCH, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.platform.auth.user.registered.v1");
    }

    @Test
    void dataIsACopy() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertName", "CriticalDAUDrop");
        OutgoingEvent e = OutgoingEvent.of(OutgoingEvent.ALERT_TRIGGERED, "CriticalDAUDrop", Instant.EPOCH, data);
        data.put("severity", "critical");
        assertThat(e.data()).containsOnlyKeys("alertName");
    }
}
