package com.platform.analytics.domain.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GranularityTest {
    private static LocalDate d(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void parsesWireNamesIgnoringCaseAndSpaces() {
        assertThat(Granularity.parse("day")).isEqualTo(Granularity.DAY);
        assertThat(Granularity.parse(" WEEK ")).isEqualTo(Granularity.WEEK);
        assertThat(Granularity.parse("Month")).isEqualTo(Granularity.MONTH);
        assertThat(Granularity.parse("total")).isEqualTo(Granularity.TOTAL);
        assertThat(Granularity.parse("hour")).isNull();
        assertThat(Granularity.parse("")).isNull();
        assertThat(Granularity.MONTH.wireName()).isEqualTo("month");
    }

    @Test
    void dayBucketsAreTheDaysThemselves() {
        assertThat(Granularity.DAY.bucketOf(d("2026-03-04"), d("2026-03-01"))).isEqualTo(d("2026-03-04"));
        assertThat(Granularity.DAY.buckets(d("2026-02-27"), d("2026-03-02")))
                .containsExactly(d("2026-02-27"), d("2026-02-28"), d("2026-03-01"), d("2026-03-02"));
        assertThat(Granularity.DAY.buckets(d("2026-03-04"), d("2026-03-04"))).containsExactly(d("2026-03-04"));
        assertThat(Granularity.DAY.lastDayInRange(d("2026-03-04"), d("2026-03-10"))).isEqualTo(d("2026-03-04"));
    }

    @Test
    void weekBucketsAreNamedByTheirIsoMonday() {
        // 2026-03-04 is a Wednesday; 2026-03-08 a Sunday; 2026-03-09 the next Monday.
        assertThat(Granularity.WEEK.bucketOf(d("2026-03-04"), d("2026-03-04"))).isEqualTo(d("2026-03-02"));
        assertThat(Granularity.WEEK.bucketOf(d("2026-03-08"), d("2026-03-04"))).isEqualTo(d("2026-03-02"));
        assertThat(Granularity.WEEK.bucketOf(d("2026-03-09"), d("2026-03-04"))).isEqualTo(d("2026-03-09"));
        assertThat(Granularity.WEEK.bucketOf(d("2026-03-02"), d("2026-03-02"))).isEqualTo(d("2026-03-02"));
    }

    @Test
    void aRangeStartingMidWeekHasAShortFirstWeekNamedByItsMonday() {
        LocalDate from = d("2026-03-04"); // Wednesday
        LocalDate to = d("2026-03-17");   // Tuesday, two weeks later
        assertThat(Granularity.WEEK.buckets(from, to))
                .containsExactly(d("2026-03-02"), d("2026-03-09"), d("2026-03-16"))
                .allSatisfy(b -> assertThat(b.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY));
        assertThat(Granularity.WEEK.lastDayInRange(d("2026-03-02"), to)).isEqualTo(d("2026-03-08"));
        assertThat(Granularity.WEEK.lastDayInRange(d("2026-03-09"), to)).isEqualTo(d("2026-03-15"));
        // the last week is cut at the range's end
        assertThat(Granularity.WEEK.lastDayInRange(d("2026-03-16"), to)).isEqualTo(d("2026-03-17"));
    }

    @Test
    void weeksCrossTheYearBoundary() {
        LocalDate from = d("2026-12-30"); // Wednesday; its week starts Monday 2026-12-28
        LocalDate to = d("2027-01-12");
        assertThat(Granularity.WEEK.buckets(from, to))
                .containsExactly(d("2026-12-28"), d("2027-01-04"), d("2027-01-11"));
        assertThat(Granularity.WEEK.bucketOf(d("2027-01-01"), from)).isEqualTo(d("2026-12-28"));
        assertThat(Granularity.WEEK.bucketOf(d("2027-01-03"), from)).isEqualTo(d("2026-12-28"));
        assertThat(Granularity.WEEK.lastDayInRange(d("2026-12-28"), to)).isEqualTo(d("2027-01-03"));
        // 2026-01-01 is a Thursday: ISO week 1 of 2026 starts in 2025
        assertThat(Granularity.WEEK.bucketOf(d("2026-01-01"), d("2026-01-01"))).isEqualTo(d("2025-12-29"));
    }

    @Test
    void monthBucketsAreNamedByTheFirstAndEndOnTheLastDayOfTheMonth() {
        LocalDate from = d("2028-01-15");
        LocalDate to = d("2028-03-10");
        assertThat(Granularity.MONTH.buckets(from, to))
                .containsExactly(d("2028-01-01"), d("2028-02-01"), d("2028-03-01"));
        assertThat(Granularity.MONTH.bucketOf(d("2028-02-29"), from)).isEqualTo(d("2028-02-01"));
        assertThat(Granularity.MONTH.lastDayInRange(d("2028-01-01"), to)).isEqualTo(d("2028-01-31"));
        assertThat(Granularity.MONTH.lastDayInRange(d("2028-02-01"), to)).isEqualTo(d("2028-02-29")); // leap year
        assertThat(Granularity.MONTH.lastDayInRange(d("2027-02-01"), d("2027-12-31"))).isEqualTo(d("2027-02-28"));
        assertThat(Granularity.MONTH.lastDayInRange(d("2028-03-01"), to)).isEqualTo(d("2028-03-10"));
        assertThat(Granularity.MONTH.buckets(d("2026-12-31"), d("2027-01-01")))
                .containsExactly(d("2026-12-01"), d("2027-01-01"));
    }

    @Test
    void totalIsOneBucketNamedByTheRangesFirstDay() {
        LocalDate from = d("2026-01-20");
        LocalDate to = d("2026-04-03");
        assertThat(Granularity.TOTAL.buckets(from, to)).containsExactly(from);
        assertThat(Granularity.TOTAL.bucketOf(d("2026-03-15"), from)).isEqualTo(from);
        assertThat(Granularity.TOTAL.bucketOf(to, from)).isEqualTo(from);
        assertThat(Granularity.TOTAL.lastDayInRange(from, to)).isEqualTo(to);
        assertThat(Granularity.TOTAL.buckets(from, from)).containsExactly(from);
    }
}
