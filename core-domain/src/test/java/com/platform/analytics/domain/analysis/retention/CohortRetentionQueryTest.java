package com.platform.analytics.domain.analysis.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.error.Refusals;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.json.Json;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CohortRetentionQueryTest {
    private static CohortRetentionQuery parse(String json) {
        return CohortRetentionQuery.fromJson(Json.parseObject(json));
    }

    private static void rejects(String json, String pointer, String detailPart) {
        Refusals.assertRefusedAt(json, () -> parse(json), pointer, detailPart);
    }

    @Test
    void defaultsAreDailyExactRegistrationCohortsReturningOnActivityInUtc() {
        CohortRetentionQuery q = parse("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":7}");
        assertThat(q.range()).isEqualTo(new AnalysisRange(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"), ZoneId.of("UTC")));
        assertThat(q.period()).isEqualTo(RetentionPeriod.DAY);
        assertThat(q.mode()).isEqualTo(RetentionMode.EXACT);
        assertThat(q.cohortEvent()).isEqualTo(EventTypes.USER_REGISTERED);
        assertThat(q.returnsOnActivity()).isTrue();
        assertThat(q.returnEvent()).isNull();
    }

    @Test
    void everyFieldIsRead() {
        CohortRetentionQuery q = parse("{\"from\":\"2026-03-02\",\"to\":\"2026-05-31\",\"tz\":\"Europe/Moscow\",\"period\":\"week\","
                + "\"periods\":90,\"mode\":\"unbounded\",\"cohortEvent\":\"" + EventTypes.TRANSACTION_COMPLETED + "\","
                + "\"returnEvent\":\"" + EventTypes.GAME_VIEWED + "\"}");
        assertThat(q.range().zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(q.period()).isEqualTo(RetentionPeriod.WEEK);
        assertThat(q.periods()).isEqualTo(90);
        assertThat(q.mode()).isEqualTo(RetentionMode.UNBOUNDED);
        assertThat(q.cohortEvent()).isEqualTo(EventTypes.TRANSACTION_COMPLETED);
        assertThat(q.returnEvent()).isEqualTo(EventTypes.GAME_VIEWED);
        assertThat(parse("{\"from\":\"2026-03-02\",\"to\":\"2026-03-02\",\"periods\":0,\"returnEvent\":\"activity\"}")
                .returnsOnActivity()).isTrue();
    }

    @Test
    void badFieldsAreNamedByPointer() {
        rejects("{\"to\":\"2026-03-31\",\"periods\":7}", "/from", "required");
        rejects("{\"from\":\"2026-03-01\",\"periods\":7}", "/to", "required");
        rejects("{\"from\":\"2026-3-1\",\"to\":\"2026-03-31\",\"periods\":7}", "/from", "YYYY-MM-DD");
        rejects("{\"from\":\"2026-03-31\",\"to\":\"2026-03-01\",\"periods\":7}", "/to", "before");
        rejects("{\"from\":\"2016-03-01\",\"to\":\"2026-03-31\",\"periods\":7}", "/to", "longer");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":7,\"tz\":\"Mars/Olympus\"}", "/tz", "IANA");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":7,\"tz\":\"+05:30\"}", "/tz", "whole-hour");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\"}", "/periods", "required");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":91}", "/periods", "0 to 90");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":-1}", "/periods", "0 to 90");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":\"7\"}", "/periods", "integer");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":1.5}", "/periods", "integer");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":7,\"period\":\"year\"}", "/period", "day, week, month");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":7,\"mode\":\"rolling\"}", "/mode", "exact or unbounded");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":7,\"cohortEvent\":\" \"}", "/cohortEvent", "blank");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":7,\"returnEvent\":42}", "/returnEvent", "string");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":7,\"returnEvent\":\"" + "x".repeat(257) + "\"}",
                "/returnEvent", "longer");
        rejects("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":7,\"window\":\"P7D\"}", "/window", "unknown field");
    }

    @Test
    void cellsPastTheEndAreAbsentAndCellZeroIsOne() {
        CohortRetentionQuery q = parse("{\"from\":\"2026-03-02\",\"to\":\"2026-03-18\",\"period\":\"week\",\"periods\":4}");
        // weeks of 2026-03-02, -09, -16 start by the 18th; -23 does not
        CohortRow row = q.row(LocalDate.parse("2026-03-02"), 4, Map.of(1, 2L, 2, 1L, 3, 4L));
        assertThat(row.retention()).containsExactly(1.0, 0.5, 0.25);
        assertThat(q.row(LocalDate.parse("2026-03-16"), 3, Map.of()).retention()).containsExactly(1.0);
        CohortRetentionQuery days = parse("{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"periods\":2}");
        assertThat(days.row(LocalDate.parse("2026-03-01"), 2, Map.of(2, 1L)).retention()).containsExactly(1.0, 0.0, 0.5);
    }

    @Test
    void periodsAreIsoWeeksAndCalendarMonths() {
        LocalDate sunday = LocalDate.parse("2026-03-08");
        assertThat(RetentionPeriod.WEEK.startOf(sunday)).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(RetentionPeriod.WEEK.startOf(LocalDate.parse("2026-03-09"))).isEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(RetentionPeriod.MONTH.startOf(LocalDate.parse("2026-02-28"))).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(RetentionPeriod.MONTH.plus(LocalDate.parse("2026-01-01"), 1)).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(RetentionPeriod.WEEK.between(LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-09"))).isEqualTo(1);
        assertThat(RetentionPeriod.MONTH.between(LocalDate.parse("2026-01-31"), LocalDate.parse("2026-02-01"))).isEqualTo(1);
    }
}
