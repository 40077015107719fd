package com.platform.analytics.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant next(String cron, ZoneId zone, String afterLocal) {
        Instant after = LocalDateTime.parse(afterLocal).atZone(zone).toInstant();
        return CronSchedule.parse(cron, zone).next(after).orElseThrow();
    }

    private static String local(Instant at, ZoneId zone) {
        return LocalDateTime.ofInstant(at, zone).toString();
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "0 3 * * *          | 2026-03-10T02:59    | 2026-03-10T03:00",
            "0 3 * * *          | 2026-03-10T03:00    | 2026-03-11T03:00",
            "0 3 * * *          | 2026-12-31T03:00    | 2027-01-01T03:00",
            "*/15 * * * *       | 2026-03-10T10:07    | 2026-03-10T10:15",
            "5-10/2 * * * *     | 2026-03-10T10:07    | 2026-03-10T10:09",
            "0,30 9-17 * * *    | 2026-03-10T17:30    | 2026-03-11T09:00",
            "0 0 31 * *         | 2026-04-01T00:00    | 2026-05-31T00:00",
            "0 0 30 * *         | 2026-01-30T00:00    | 2026-03-30T00:00",
            "0 0 29 2 *         | 2026-01-01T00:00    | 2028-02-29T00:00",
            "0 0 28-31 * *      | 2026-02-27T12:00    | 2026-02-28T00:00",
            "0 12 * * MON-FRI   | 2026-03-13T12:00    | 2026-03-16T12:00",
            "0 12 * * sat,SUN   | 2026-03-10T00:00    | 2026-03-14T12:00",
            "0 12 * * 7         | 2026-03-10T00:00    | 2026-03-15T12:00",
            "0 0 1 JAN-MAR/2 *  | 2026-01-01T00:00    | 2026-03-01T00:00",
            "0 0 1 jul *        | 2026-03-10T00:00    | 2026-07-01T00:00",
            "0 0 13 * FRI       | 2026-03-07T00:00    | 2026-03-13T00:00",
            "0 0 13 * FRI       | 2026-03-13T00:00    | 2026-03-20T00:00",
            "@daily             | 2026-03-10T00:00    | 2026-03-11T00:00",
            "@hourly            | 2026-03-10T10:59    | 2026-03-10T11:00",
            "@weekly            | 2026-03-10T00:00    | 2026-03-15T00:00",
            "@monthly           | 2026-03-10T00:00    | 2026-04-01T00:00",
            "@yearly            | 2026-03-10T00:00    | 2027-01-01T00:00",
            "59 23 31 12 *      | 2026-12-31T23:58    | 2026-12-31T23:59",
    })
    void nextFireTimesInUtc(String cron, String after, String expected) {
        assertThat(local(next(cron.trim(), UTC, after.trim()), UTC)).isEqualTo(expected.trim());
    }

    @Test
    void secondsAndFractionsOfTheStartAreNotAFireTimeOfTheirOwn() {
        CronSchedule every = CronSchedule.parse("* * * * *");
        assertThat(every.next(Instant.parse("2026-03-10T10:07:00.000001Z"))).contains(Instant.parse("2026-03-10T10:08:00Z"));
        assertThat(every.next(Instant.parse("2026-03-10T10:06:59.999Z"))).contains(Instant.parse("2026-03-10T10:07:00Z"));
    }

    @Test
    void fieldsAreReadInTheSchedulesZone() {
        CronSchedule moscow = CronSchedule.parse("0 3 * * *", ZoneId.of("Europe/Moscow"));
        assertThat(moscow.next(Instant.parse("2026-03-10T00:00:00Z"))).contains(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(moscow.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
    }

    @Test
    void aTimeInTheSpringGapFiresOnceAfterTheGap() {
        // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST, 02:30 does not exist
        Instant fire = next("30 2 * * *", BERLIN, "2026-03-29T00:00");
        assertThat(fire).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
        assertThat(local(fire, BERLIN)).isEqualTo("2026-03-29T03:30");
        CronSchedule s = CronSchedule.parse("30 2 * * *", BERLIN);
        assertThat(s.next(fire)).contains(LocalDateTime.parse("2026-03-30T02:30").atZone(BERLIN).toInstant());
        // the daily 03:00 job is not disturbed by the gap
        assertThat(next("0 3 * * *", BERLIN, "2026-03-29T00:00")).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    }

    @Test
    void fireTimesAcrossTheSpringGapNeverRepeatAndNeverGoBack() {
        List<Instant> fires = fires("*/20 * * * *", NEW_YORK, "2026-03-08T00:50", 12);
        assertThat(fires).isSorted().doesNotHaveDuplicates();
        assertThat(fires.stream().map(f -> local(f, NEW_YORK)).toList()).startsWith(
                "2026-03-08T01:00", "2026-03-08T01:20", "2026-03-08T01:40", "2026-03-08T03:00", "2026-03-08T03:20");
    }

    @Test
    void aTimeInTheAutumnOverlapFiresOnceAtItsFirstOccurrence() {
        // New York 2026-11-01: 02:00 EDT goes back to 01:00 EST, 01:30 happens twice
        Instant first = next("30 1 * * *", NEW_YORK, "2026-11-01T00:00");
        assertThat(first).isEqualTo(Instant.parse("2026-11-01T05:30:00Z")); // 01:30 EDT
        Instant following = CronSchedule.parse("30 1 * * *", NEW_YORK).next(first).orElseThrow();
        assertThat(following).isEqualTo(Instant.parse("2026-11-02T06:30:00Z")); // next day, 01:30 EST
        List<Instant> quarterHours = fires("*/15 * * * *", NEW_YORK, "2026-11-01T00:50", 10);
        assertThat(quarterHours).isSorted().doesNotHaveDuplicates();
        assertThat(ChronoUnit.MINUTES.between(quarterHours.get(0), quarterHours.get(quarterHours.size() - 1))).isEqualTo(9 * 15 + 60);
    }

    @Test
    void lastFireBetweenIsTheLatestMissedFireTime() {
        CronSchedule daily = CronSchedule.parse("0 3 * * *");
        assertThat(daily.lastFireBetween(Instant.parse("2026-03-01T03:00:00Z"), Instant.parse("2026-03-05T12:00:00Z"), 1000))
                .contains(Instant.parse("2026-03-05T03:00:00Z"));
        assertThat(daily.lastFireBetween(Instant.parse("2026-03-01T03:00:00Z"), Instant.parse("2026-03-02T02:59:59Z"), 1000)).isEmpty();
        assertThat(daily.lastFireBetween(Instant.parse("2026-03-01T03:00:00Z"), Instant.parse("2026-03-02T03:00:00Z"), 1000))
                .contains(Instant.parse("2026-03-02T03:00:00Z"));
        // capped: a real fire time, the latest of the steps taken
        assertThat(daily.lastFireBetween(Instant.parse("2026-03-01T03:00:00Z"), Instant.parse("2026-03-31T12:00:00Z"), 3))
                .contains(Instant.parse("2026-03-04T03:00:00Z"));
    }

    @Test
    void agreesWithTheSegmentsScheduleOnNumericExpressions() {
        Random random = new Random(7);
        String[] expressions = {"0 3 * * *", "*/7 */5 * * *", "0 0 1,15 * 1-5", "10-50/10 8-18 * 2-11 *", "0 0 31 * 0"};
        for (String e : expressions) {
            var segment = com.platform.analytics.domain.segment.CronSchedule.parse(e);
            CronSchedule job = CronSchedule.parse(e);
            for (int i = 0; i < 200; i++) {
                Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(400 * 86400));
                assertThat(job.next(at)).as(e + " after " + at).isEqualTo(segment.next(at));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *",
            "* * * * 8", "5-1 * * * *", "*/0 * * * *", "MON * * * *", "* * * FOO *", "* * * * MONDAY", "@often",
            "0 0 30 2 *", "a b c d e", "1,,2 * * * *"})
    void malformedExpressionsAreRefusedAsInvalidParameters(String cron) {
        assertThatThrownBy(() -> CronSchedule.parse(cron)).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS));
    }

    @Test
    void equalityIsTheExpressionAndTheZone() {
        assertThat(CronSchedule.parse(" 0 3 * * * ")).isEqualTo(CronSchedule.parse("0 3 * * *"));
        assertThat(CronSchedule.parse("0 3 * * *", BERLIN)).isNotEqualTo(CronSchedule.parse("0 3 * * *"));
        assertThat(CronSchedule.parse("0 3 * * *").expression()).isEqualTo("0 3 * * *");
    }

    @Test
    void jobNamesAreCheckedAndTheDefaultPolicyRunsOnceAfterAGap() {
        Job job = new Job("segment_refresh", CronSchedule.parse("* * * * *"));
        assertThat(job.missedRunPolicy()).isEqualTo(MissedRunPolicy.RUN_ONCE_ON_STARTUP_IF_MISSED);
        assertThatThrownBy(() -> new Job("Bad Name", CronSchedule.parse("* * * * *"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Instant> fires(String cron, ZoneId zone, String afterLocal, int n) {
        CronSchedule s = CronSchedule.parse(cron, zone);
        List<Instant> out = new ArrayList<>();
        Instant at = LocalDateTime.parse(afterLocal).atZone(zone).toInstant();
        for (int i = 0; i < n; i++) {
            at = s.next(at).orElseThrow();
            out.add(at);
        }
        return out;
    }
}
