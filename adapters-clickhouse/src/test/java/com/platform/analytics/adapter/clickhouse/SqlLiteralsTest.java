package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SqlLiteralsTest {
    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(SqlLiterals.string("plain")).isEqualTo("'plain'");
        assertThat(SqlLiterals.string("it's")).isEqualTo("'it\\'s'");
        assertThat(SqlLiterals.string("a\\b")).isEqualTo("'a\\\\b'");
        // a trailing backslash must not escape the closing quote
        assertThat(SqlLiterals.string("end\\")).isEqualTo("'end\\\\'");
        assertThat(SqlLiterals.string("\\'")).isEqualTo("'\\\\\\''");
        assertThat(SqlLiterals.string("x\ny\tz\0")).isEqualTo("'x\\ny\\tz\\0'");
    }

    @Test
    void identifiersArePlainNamesOnly() {
        assertThat(SqlLiterals.identifier("analytics_1")).isEqualTo("`analytics_1`");
        assertThatThrownBy(() -> SqlLiterals.identifier("a`; DROP")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlLiterals.identifier("1abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void datesAndInstants() {
        assertThat(SqlLiterals.date(LocalDate.of(2026, 3, 1))).isEqualTo("toDate('2026-03-01')");
        assertThat(SqlLiterals.instant(Instant.parse("2026-03-01T21:00:00.007Z")))
                .isEqualTo("toDateTime64('2026-03-01 21:00:00.007', 3, 'UTC')");
        assertThat(SqlLiterals.instant(Instant.parse("2026-12-31T23:59:59.999999Z")))
                .isEqualTo("toDateTime64('2026-12-31 23:59:59.999', 3, 'UTC')");
    }

    @Test
    void zonesAreIanaNamesOrWholeHourOffsets() {
        assertThat(SqlLiterals.zone(ZoneId.of("Europe/Moscow"))).isEqualTo("'Europe/Moscow'");
        assertThat(SqlLiterals.zone(ZoneId.of("America/Argentina/Buenos_Aires"))).isEqualTo("'America/Argentina/Buenos_Aires'");
        assertThat(SqlLiterals.zone(ZoneId.of("UTC"))).isEqualTo("'UTC'");
        assertThat(SqlLiterals.zone(ZoneId.of("Z"))).isEqualTo("'UTC'");
        assertThat(SqlLiterals.zone(ZoneId.of("+03:00"))).isEqualTo("'Etc/GMT-3'");
        assertThat(SqlLiterals.zone(ZoneId.of("GMT-5"))).isEqualTo("'Etc/GMT+5'");
        assertThatThrownBy(() -> SqlLiterals.zone(ZoneId.of("+05:30")))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS);
                    assertThat(e.parameter()).contains("tz");
                });
    }
}
