package com.platform.analytics.domain.segment;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Optional;

/**
 * A five-field cron schedule ({@code minute hour day-of-month month day-of-week}) as in crontab(5): each field
 * is {@code *}, a number, a range {@code a-b}, a step {@code * /n} or {@code a-b/n}, or a comma list of these;
 * day of week 0-7 with 0 and 7 both Sunday. As in cron, when both day fields are restricted a day matches if
 * either does. Times are read in UTC unless a zone is given. Names (JAN, MON) are not accepted.
 */
public final class CronSchedule {
    /** Longest search for the next time: a Feb 29 schedule waits at most 8 years (around 2100). */
    private static final int SEARCH_DAYS = 366 * 9;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronSchedule(String expression, String[] f) {
        this.expression = expression;
        this.minutes = field(f[0], 0, 59, "minute");
        this.hours = field(f[1], 0, 23, "hour");
        this.daysOfMonth = field(f[2], 1, 31, "day of month");
        this.months = field(f[3], 1, 12, "month");
        BitSet dow = field(f[4], 0, 7, "day of week");
        if (dow.get(7)) {
            dow.set(0);
        }
        this.daysOfWeek = dow;
        this.dayOfMonthRestricted = !f[2].startsWith("*");
        this.dayOfWeekRestricted = !f[4].startsWith("*");
    }

    /**
     * @throws AnalyticsException INVALID_QUERY_PARAMETERS when the expression is malformed or never fires
     */
    public static CronSchedule parse(String expression) {
        requireNonNull(expression, "expression is null");
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            throw invalid("a cron schedule has 5 fields (minute hour day-of-month month day-of-week), found "
                    + fields.length + " in '" + expression + "'");
        }
        CronSchedule schedule = new CronSchedule(expression.trim(), fields);
        if (schedule.next(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC).isEmpty()) {
            throw invalid("the cron schedule '" + expression + "' never fires");
        }
        return schedule;
    }

    public String expression() {
        return expression;
    }

    /** The first time strictly after {@code after} when the schedule fires, in UTC. */
    public Optional<Instant> next(Instant after) {
        return next(after, ZoneOffset.UTC);
    }

    /** The first time strictly after {@code after} when the schedule fires, reading its fields in {@code zone}. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        requireNonNull(after, "after is null");
        requireNonNull(zone, "zone is null");
        LocalDateTime start = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES);
        LocalDate day = start.toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!matchesDay(day)) {
                continue;
            }
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    Instant candidate = LocalDateTime.of(day, LocalTime.of(h, m)).atZone(zone).toInstant();
                    if (candidate.isAfter(after)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean matchesDay(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static BitSet field(String text, int min, int max, String name) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, max - min + 1, name, text);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw invalid("cron " + name + " field '" + text + "': bad range '" + range + "'");
                }
                from = number(ends[0], min, max, name, text);
                to = number(ends[1], min, max, name, text);
                if (from > to) {
                    throw invalid("cron " + name + " field '" + text + "': range " + range + " runs backwards");
                }
            } else {
                from = number(range, min, max, name, text);
                // "5/15" means from 5 to the end in steps of 15, as in Vixie cron
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String s, int min, int max, String name, String field) {
        if (s.isEmpty() || s.length() > 4 || !s.chars().allMatch(Character::isDigit)) {
            throw invalid("cron " + name + " field '" + field + "': '" + s + "' is not a number");
        }
        int v = Integer.parseInt(s);
        if (v < min || v > max) {
            throw invalid("cron " + name + " field '" + field + "': " + v + " is outside " + min + "-" + max);
        }
        return v;
    }

    private static AnalyticsException invalid(String detail) {
        return new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, detail, null, "/refreshSchedule", null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule c && c.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
