package com.platform.analytics.domain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.Refusals;
import com.platform.analytics.domain.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AnalysisRangeTest {
    private static AnalysisRange read(String json, int maxDays) {
        return AnalysisRange.read(new BodyFields(Json.parseObject(json), AnalysisRange.FIELDS), maxDays);
    }

    @Test
    void theLimitCountsBothEnds() {
        // 2026 has 365 days: 2026-01-01..2027-01-01 is 366 of them
        assertThat(read("{\"from\":\"2026-01-01\",\"to\":\"2027-01-01\"}", 366).days()).isEqualTo(366);
        String tooLong = "{\"from\":\"2026-01-01\",\"to\":\"2027-01-02\"}";
        Refusals.assertRefusedAt(tooLong, () -> read(tooLong, 366), "/to", "longer than 366 days");
        assertThat(read("{\"from\":\"2026-03-01\",\"to\":\"2026-03-01\"}", 1).days()).isEqualTo(1);
        String twoDays = "{\"from\":\"2026-03-01\",\"to\":\"2026-03-02\"}";
        Refusals.assertRefusedAt(twoDays, () -> read(twoDays, 1), "/to", "longer than 1 days");
    }

    @Test
    void daysAreCalendarDaysOfTheZone() {
        AnalysisRange tokyo = read("{\"from\":\"2026-03-01\",\"to\":\"2026-03-02\",\"tz\":\"Asia/Tokyo\"}", AnalysisRange.MAX_DAYS);
        assertThat(tokyo.start()).isEqualTo(Instant.parse("2026-02-28T15:00:00Z"));
        assertThat(tokyo.end()).isEqualTo(Instant.parse("2026-03-02T15:00:00Z"));
        assertThat(tokyo.isUtc()).isFalse();
        AnalysisRange utc = read("{\"from\":\"2026-03-01\",\"to\":\"2026-03-01\",\"tz\":null}", AnalysisRange.MAX_DAYS);
        assertThat(utc.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(utc.isUtc()).isTrue();
    }

    @Test
    void eachMistakeNamesItsField() {
        for (String[] c : new String[][] {
                {"{\"to\":\"2026-03-01\"}", "/from", "required"},
                {"{\"from\":20260301,\"to\":\"2026-03-01\"}", "/from", "string"},
                {"{\"from\":\"1 March\",\"to\":\"2026-03-01\"}", "/from", "YYYY-MM-DD"},
                {"{\"from\":\"2026-03-02\",\"to\":\"2026-03-01\"}", "/to", "before"},
                {"{\"from\":\"2026-03-01\",\"to\":\"2026-03-01\",\"tz\":\"SystemV/EST5\"}", "/tz", "IANA"},
                {"{\"from\":\"2026-03-01\",\"to\":\"2026-03-01\",\"tz\":3}", "/tz", "string"}}) {
            Refusals.assertRefusedAt(c[0], () -> read(c[0], AnalysisRange.MAX_DAYS), c[1], c[2]);
        }
        assertThatThrownBy(() -> new AnalysisRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-01"), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAnalysisAddsItsOwnFieldsToTheRanges() {
        assertThat(AnalysisRange.fieldsWith("steps", "window")).containsExactlyInAnyOrder("from", "to", "tz", "steps", "window");
    }
}
