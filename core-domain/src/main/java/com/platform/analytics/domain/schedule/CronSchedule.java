package com.platform.analytics.domain.schedule;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A five-field cron schedule ({@code minute hour day-of-month month day-of-week}) read in a time zone, for jobs.
 * It accepts everything the segments' {@link com.platform.analytics.domain.segment.CronSchedule} does (numbers,
 * ranges, lists, steps; both day fields restricted means either matches) and adds month and weekday names
 * ({@code JAN}..{@code DEC}, {@code SUN}..{@code SAT}, any case) and the macros {@code @yearly}, {@code @monthly},
 * {@code @weekly}, {@code @daily} (or {@code @midnight}) and {@code @hourly}. The names are rewritten to numbers and
 * the matching is delegated, so both kinds of schedule agree on every expression they share.
 *
 * <p>Daylight saving time, as the fire times of {@link #next} come out of {@code LocalDateTime.atZone}: a wall-clock
 * time that does not exist (the spring gap) fires at the same offset after the gap (02:30 becomes 03:30), once; a
 * wall-clock time that happens twice (the autumn overlap) fires at its first occurrence only, so a daily job never
 * runs twice on that day (and an every-15-minutes job pauses for the repeated hour).
 */
public final class CronSchedule {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
            Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
            Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS = Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4,
            "FRI", 5, "SAT", 6);
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    private final String expression;
    private final ZoneId zone;
    private final com.platform.analytics.domain.segment.CronSchedule numeric;

    private CronSchedule(String expression, ZoneId zone, com.platform.analytics.domain.segment.CronSchedule numeric) {
        this.expression = expression;
        this.zone = zone;
        this.numeric = numeric;
    }

    /** A schedule read in UTC. */
    public static CronSchedule parse(String expression) {
        return parse(expression, ZoneId.of("UTC"));
    }

    /**
     * @param zone where the fields are read: {@code 0 3 * * *} in Europe/Moscow fires at 03:00 Moscow time
     * @throws AnalyticsException INVALID_QUERY_PARAMETERS when the expression is malformed or never fires
     */
    public static CronSchedule parse(String expression, ZoneId zone) {
        requireNonNull(expression, "expression is null");
        requireNonNull(zone, "zone is null");
        String trimmed = expression.trim();
        String expanded = trimmed.startsWith("@") ? MACROS.get(trimmed.toLowerCase(Locale.ROOT)) : trimmed;
        if (expanded == null) {
            throw invalid("unknown cron macro '" + trimmed + "'; known: " + String.join(", ", MACROS.keySet().stream().sorted().toList()));
        }
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw invalid("a cron schedule has 5 fields (minute hour day-of-month month day-of-week), found "
                    + fields.length + " in '" + expression + "'");
        }
        fields[3] = numbered(fields[3], MONTHS, "month");
        fields[4] = numbered(fields[4], DAYS, "day of week");
        for (int i = 0; i < 3; i++) {
            if (WORD.matcher(fields[i]).find()) {
                throw invalid("cron field '" + fields[i] + "' in '" + expression + "': names are allowed in the month and day-of-week fields only");
            }
        }
        try {
            return new CronSchedule(trimmed, zone, com.platform.analytics.domain.segment.CronSchedule.parse(String.join(" ", fields)));
        } catch (AnalyticsException e) {
            throw invalid(e.getMessage());
        }
    }

    private static String numbered(String field, Map<String, Integer> names, String what) {
        Matcher m = WORD.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Integer value = names.get(m.group().toUpperCase(Locale.ROOT));
            if (value == null) {
                throw invalid("cron " + what + " field '" + field + "': '" + m.group() + "' is not a " + what + " name");
            }
            m.appendReplacement(out, value.toString());
        }
        m.appendTail(out);
        return out.toString();
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire time strictly after {@code after}; empty only for a date that is 9 years away or more. */
    public Optional<Instant> next(Instant after) {
        return numeric.next(requireNonNull(after, "after is null"), zone);
    }

    /**
     * The last fire time in {@code (after, upTo]}, or empty when none is: what a scheduler that was down from
     * {@code after} to {@code upTo} missed last. Steps through the fire times, at most {@code maxSteps} of them;
     * beyond that (a per-minute job down for months) it answers the latest one found so far (still a real fire
     * time, just not the very last, which the next run catches up anyway).
     */
    public Optional<Instant> lastFireBetween(Instant after, Instant upTo, int maxSteps) {
        requireNonNull(upTo, "upTo is null");
        Optional<Instant> last = Optional.empty();
        Instant cursor = after;
        for (int i = 0; i < maxSteps; i++) {
            Optional<Instant> fire = next(cursor);
            if (fire.isEmpty() || fire.get().isAfter(upTo)) {
                return last;
            }
            last = fire;
            cursor = fire.get();
        }
        return last;
    }

    private static AnalyticsException invalid(String detail) {
        return new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, detail, null, "/schedule", null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule c && c.expression.equals(expression) && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return expression.hashCode() * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
        return expression + " (" + zone + ")";
    }
}
