package com.platform.analytics.domain.analysis.paths;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.error.Refusals;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.json.Json;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PathsQueryTest {
    private static final String RANGE = "\"from\":\"2026-03-01\",\"to\":\"2026-03-07\"";

    private static PathsQuery parse(String json) {
        return PathsQuery.fromJson(Json.parseObject(json));
    }

    private static void rejects(String json, String pointer, String detailPart) {
        Refusals.assertRefusedAt(json, () -> parse(json), pointer, detailPart);
    }

    @Test
    void aStartEventWithDefaults() {
        PathsQuery q = parse("{" + RANGE + ",\"start\":\"" + EventTypes.USER_LOGGED_IN + "\",\"steps\":5}");
        assertThat(q.direction()).isEqualTo(PathDirection.FROM_START);
        assertThat(q.anchor()).isEqualTo(EventTypes.USER_LOGGED_IN);
        assertThat(q.steps()).isEqualTo(5);
        assertThat(q.topN()).isEqualTo(10);
        assertThat(q.sessionGapMinutes()).isEqualTo(30);
        assertThat(q.sessionGapMillis()).isEqualTo(1_800_000L);
        assertThat(q.range().zone().getId()).isEqualTo("UTC");
    }

    @Test
    void anEndEventWithEveryField() {
        PathsQuery q = parse("{" + RANGE + ",\"tz\":\"Asia/Tokyo\",\"end\":\"" + EventTypes.TRANSACTION_COMPLETED
                + "\",\"steps\":10,\"topN\":50,\"sessionGapMinutes\":1440}");
        assertThat(q.direction()).isEqualTo(PathDirection.TO_END);
        assertThat(q.range().zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(q.steps()).isEqualTo(10);
        assertThat(q.topN()).isEqualTo(50);
        assertThat(q.sessionGapMinutes()).isEqualTo(1440);
    }

    @Test
    void badFieldsAreNamedByPointer() {
        String start = ",\"start\":\"" + EventTypes.GAME_VIEWED + "\"";
        rejects("{" + RANGE + ",\"steps\":3}", "/start", "exactly one");
        rejects("{" + RANGE + start + ",\"end\":\"" + EventTypes.GAME_ADDED + "\",\"steps\":3}", "/end", "exactly one");
        rejects("{" + RANGE + ",\"start\":\"" + EventTypes.NOTIFICATION_SENT + "\",\"steps\":3}", "/start", "activity");
        rejects("{" + RANGE + ",\"end\":\"x' OR 1=1 --\",\"steps\":3}", "/end", "letters, digits");
        rejects("{" + RANGE + start + "}", "/steps", "required");
        rejects("{" + RANGE + start + ",\"steps\":0}", "/steps", "1 to 10");
        rejects("{" + RANGE + start + ",\"steps\":11}", "/steps", "1 to 10");
        rejects("{" + RANGE + start + ",\"steps\":3,\"topN\":0}", "/topN", "1 to 50");
        rejects("{" + RANGE + start + ",\"steps\":3,\"topN\":51}", "/topN", "1 to 50");
        rejects("{" + RANGE + start + ",\"steps\":3,\"sessionGapMinutes\":0}", "/sessionGapMinutes", "1 to 1440");
        rejects("{" + RANGE + start + ",\"steps\":3,\"sessionGapMinutes\":1441}", "/sessionGapMinutes", "1 to 1440");
        rejects("{\"from\":\"2026-03-01\"" + start + ",\"steps\":3}", "/to", "required");
        rejects("{" + RANGE + start + ",\"steps\":3,\"tz\":\"EST\"}", "/tz", "IANA");
        rejects("{" + RANGE + start + ",\"steps\":3,\"depth\":3}", "/depth", "unknown field");
    }

    @Test
    void nodeIdsNameStepAndEvent() {
        assertThat(new PathNode(-2, PathsQuery.OTHER, 3).id()).isEqualTo("-2:other");
        assertThat(PathNode.id(1, EventTypes.GAME_VIEWED)).isEqualTo("1:" + EventTypes.GAME_VIEWED);
    }
}
