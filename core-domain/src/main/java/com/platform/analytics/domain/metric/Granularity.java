package com.platform.analytics.domain.metric;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a date range is cut into buckets. A bucket is named by its calendar start: the day, the ISO week's
 * Monday, the month's first day; {@link #TOTAL} is one bucket named by the range's first day. Only the
 * days inside the queried range count, so a range that starts mid-week has a short first week.
 */
public enum Granularity {
    DAY, WEEK, MONTH, TOTAL;

    public static Granularity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The bucket a day falls in, for a range starting at {@code from}. */
    public LocalDate bucketOf(LocalDate day, LocalDate from) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case TOTAL -> from;
        };
    }

    /** Every bucket of the range, in order. */
    public List<LocalDate> buckets(LocalDate from, LocalDate to) {
        List<LocalDate> out = new ArrayList<>();
        LocalDate b = bucketOf(from, from);
        while (!b.isAfter(to)) {
            out.add(b);
            b = switch (this) {
                case DAY -> b.plusDays(1);
                case WEEK -> b.plusWeeks(1);
                case MONTH -> b.plusMonths(1);
                case TOTAL -> to.plusDays(1);
            };
        }
        return out;
    }

    /** The last day of a bucket that lies inside the range. */
    public LocalDate lastDayInRange(LocalDate bucket, LocalDate to) {
        LocalDate end = switch (this) {
            case DAY -> bucket;
            case WEEK -> bucket.plusDays(6);
            case MONTH -> bucket.plusMonths(1).minusDays(1);
            case TOTAL -> to;
        };
        return end.isAfter(to) ? to : end;
    }
}
