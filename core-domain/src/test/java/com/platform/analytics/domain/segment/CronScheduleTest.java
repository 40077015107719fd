package com.platform.analytics.domain.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static Instant next(String cron, String after) {
        return CronSchedule.parse(cron).next(Instant.parse(after)).orElseThrow();
    }

    @Test
    void dailyAtFourIsTheSpecsExample() {
        assertThat(next("0 4 * * *", "2026-03-01T03:59:59Z")).isEqualTo("2026-03-01T04:00:00Z");
        // strictly after: at 04:00 exactly the next one is tomorrow's
        assertThat(next("0 4 * * *", "2026-03-01T04:00:00Z")).isEqualTo("2026-03-02T04:00:00Z");
        assertThat(next("0 4 * * *", "2026-12-31T05:00:00Z")).isEqualTo("2027-01-01T04:00:00Z");
    }

    @Test
    void stepsRangesAndLists() {
        assertThat(next("*/15 * * * *", "2026-03-01T10:14:30Z")).isEqualTo("2026-03-01T10:15:00Z");
        assertThat(next("*/15 * * * *", "2026-03-01T10:45:00Z")).isEqualTo("2026-03-01T11:00:00Z");
        assertThat(next("5/20 9-17/4 * * *", "2026-03-01T09:46:00Z")).isEqualTo("2026-03-01T13:05:00Z");
        assertThat(next("0 0,12 * * *", "2026-03-01T00:00:00Z")).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(next("30 2 1 1,7 *", "2026-03-01T00:00:00Z")).isEqualTo("2026-07-01T02:30:00Z");
    }

    @Test
    void daysOfWeekWithSundayAsZeroOrSeven() {
        // 2026-03-01 is a Sunday
        assertThat(next("0 9 * * 1-5", "2026-02-28T10:00:00Z")).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(next("0 9 * * 7", "2026-02-28T10:00:00Z")).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(next("0 9 * * 0", "2026-02-28T10:00:00Z")).isEqualTo("2026-03-01T09:00:00Z");
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEither() {
        // the 15th or any Monday: from Sunday 2026-03-01, Monday the 2nd comes first
        assertThat(next("0 0 15 * 1", "2026-03-01T00:00:00Z")).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(next("0 0 15 * 1", "2026-03-10T00:00:00Z")).isEqualTo("2026-03-15T00:00:00Z");
    }

    @Test
    void leapDayAndZones() {
        assertThat(next("0 0 29 2 *", "2026-03-01T00:00:00Z")).isEqualTo("2028-02-29T00:00:00Z");
        assertThat(CronSchedule.parse("0 4 * * *").next(Instant.parse("2026-03-01T00:00:00Z"), ZoneId.of("Europe/Moscow")))
                .contains(Instant.parse("2026-03-01T01:00:00Z"));
    }

    @Test
    void malformedOrImpossibleSchedulesAreRefused() {
        for (String bad : new String[] {"0 4 * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8",
                "5-1 * * * *", "*/0 * * * *", "a * * * *", "0 0 31 2 *", "1,,2 * * * *", "JAN * * * *"}) {
            assertThatThrownBy(() -> CronSchedule.parse(bad)).as(bad).isInstanceOf(AnalyticsException.class);
        }
    }
}
