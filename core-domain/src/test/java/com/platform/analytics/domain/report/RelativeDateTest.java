package com.platform.analytics.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RelativeDateTest {
    private static final LocalDate WED_2026_03_04 = LocalDate.parse("2026-03-04");

    @Test
    void eachWordResolvesOnTheFiresDay() {
        assertThat(RelativeDate.resolve("today", WED_2026_03_04)).contains(LocalDate.parse("2026-03-04"));
        assertThat(RelativeDate.resolve("yesterday", WED_2026_03_04)).contains(LocalDate.parse("2026-03-03"));
        assertThat(RelativeDate.resolve("today-7d", WED_2026_03_04)).contains(LocalDate.parse("2026-02-25"));
        assertThat(RelativeDate.resolve("today-0d", WED_2026_03_04)).contains(WED_2026_03_04);
        assertThat(RelativeDate.resolve("start_of_week", WED_2026_03_04)).contains(LocalDate.parse("2026-03-02"));
        assertThat(RelativeDate.resolve("start_of_week", LocalDate.parse("2026-03-02"))).contains(LocalDate.parse("2026-03-02"));
        assertThat(RelativeDate.resolve("start_of_previous_week", WED_2026_03_04)).contains(LocalDate.parse("2026-02-23"));
        assertThat(RelativeDate.resolve("start_of_month", WED_2026_03_04)).contains(LocalDate.parse("2026-03-01"));
        assertThat(RelativeDate.resolve("start_of_previous_month", WED_2026_03_04)).contains(LocalDate.parse("2026-02-01"));
        assertThat(RelativeDate.resolve("end_of_previous_month", WED_2026_03_04)).contains(LocalDate.parse("2026-02-28"));
        assertThat(RelativeDate.resolve("end_of_previous_month", LocalDate.parse("2028-03-31"))).contains(LocalDate.parse("2028-02-29"));
        assertThat(RelativeDate.resolve("start_of_previous_month", LocalDate.parse("2026-01-15"))).contains(LocalDate.parse("2025-12-01"));
        assertThat(RelativeDate.resolve("start_of_year", WED_2026_03_04)).contains(LocalDate.parse("2026-01-01"));
        assertThat(RelativeDate.resolve("start_of_previous_year", WED_2026_03_04)).contains(LocalDate.parse("2025-01-01"));
    }

    @Test
    void anythingElseIsNoWord() {
        for (String other : new String[] {"2026-03-04", "Today", "today-d", "today-12345d", "today+1d", "", "last_tuesday"}) {
            assertThat(RelativeDate.isRelative(other)).as(other).isFalse();
            assertThat(RelativeDate.resolve(other, WED_2026_03_04)).as(other).isEmpty();
        }
        assertThat(RelativeDate.resolve(null, WED_2026_03_04)).isEmpty();
    }
}
