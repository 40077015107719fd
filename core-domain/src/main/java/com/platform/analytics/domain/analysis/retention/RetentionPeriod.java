package com.platform.analytics.domain.analysis.retention;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The length of a cohort and of a retention cell: a calendar day, an ISO week (from Monday) or a calendar month. */
public enum RetentionPeriod {
    DAY, WEEK, MONTH;

    /** The first day of the period containing {@code day}. */
    public LocalDate startOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The first day of the period {@code n} periods after the one starting on {@code periodStart}. */
    public LocalDate plus(LocalDate periodStart, long n) {
        return switch (this) {
            case DAY -> periodStart.plusDays(n);
            case WEEK -> periodStart.plusWeeks(n);
            case MONTH -> periodStart.plusMonths(n);
        };
    }

    /** How many periods the period of {@code later} is after that of {@code earlier}. */
    public long between(LocalDate earlier, LocalDate later) {
        LocalDate a = startOf(earlier);
        LocalDate b = startOf(later);
        return switch (this) {
            case DAY -> ChronoUnit.DAYS.between(a, b);
            case WEEK -> ChronoUnit.WEEKS.between(a, b);
            case MONTH -> ChronoUnit.MONTHS.between(a, b);
        };
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The period named {@code day}, {@code week} or {@code month}, or null. */
    public static RetentionPeriod parse(String name) {
        for (RetentionPeriod p : values()) {
            if (p.wireName().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
