package com.platform.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    @Test
    void readsUtcAndOffsetsWithAnyFraction() {
        assertThat(Rfc3339.parseDateTime("2026-03-15T10:00:00Z").orElseThrow().toInstant())
                .isEqualTo(Instant.parse("2026-03-15T10:00:00Z"));
        assertThat(Rfc3339.parseDateTime("2026-03-15t13:00:00.5+03:00").orElseThrow().toInstant())
                .isEqualTo(Instant.parse("2026-03-15T10:00:00.500Z"));
        assertThat(Rfc3339.parseDateTime("2026-03-15T10:00:00.123456789123-01:30").orElseThrow().getOffset())
                .isEqualTo(ZoneOffset.ofHoursMinutes(-1, -30));
        assertThat(Rfc3339.parseDateTime("2026-03-15T10:00:00.123456789123-01:30").orElseThrow().getNano())
                .isEqualTo(123456789);
    }

    @Test
    void refusesWhatIsNotRfc3339() {
        for (String bad : new String[] {
                "2026-03-15T10:00:00", "2026-03-15 10:00:00Z", "2026-03-15T10:00Z", "2026-02-30T10:00:00Z",
                "2026-03-15T24:00:00Z", "2026-03-15T10:00:00+0300", "2026-03-15T10:00:00.Z", "2026-03-15T10:00:00ZZ",
                "2026-03-15T10:00:00+24:00", "2026-03-15T10:00:60Z", "20260315T100000Z", "", "+2026-03-15T10:00:00Z"}) {
            assertThat(Rfc3339.parseDateTime(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void fullDates() {
        assertThat(Rfc3339.isFullDate("2026-04-01")).isTrue();
        assertThat(Rfc3339.isFullDate("2024-02-29")).isTrue();
        assertThat(Rfc3339.isFullDate("2026-02-29")).isFalse();
        assertThat(Rfc3339.isFullDate("2026-4-01")).isFalse();
        assertThat(Rfc3339.isFullDate("2026-04-01T00:00:00Z")).isFalse();
    }
}
