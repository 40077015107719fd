package com.platform.analytics.domain.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date a scheduled report resolves when it fires, so "last month's sales" stays last month's every month: the value
 * of a {@code date} parameter in a schedule may be one of these words instead of a fixed date. Days are the schedule's
 * own (its time zone); weeks start on Monday (ISO 8601).
 */
public final class RelativeDate {
    /** The words, in the order documentation lists them. */
    public static final List<String> WORDS = List.of("today", "yesterday", "today-<n>d", "start_of_week",
            "start_of_previous_week", "start_of_month", "start_of_previous_month", "end_of_previous_month", "start_of_year",
            "start_of_previous_year");
    private static final Pattern DAYS_AGO = Pattern.compile("today-([0-9]{1,4})d");

    private RelativeDate() {
    }

    /** Whether {@code value} is one of the words (not a date). */
    public static boolean isRelative(String value) {
        return resolve(value, LocalDate.EPOCH).isPresent();
    }

    /** The date the word means on {@code today}; empty when it is not one of the words. */
    public static Optional<LocalDate> resolve(String value, LocalDate today) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = DAYS_AGO.matcher(value);
        if (m.matches()) {
            return Optional.of(today.minusDays(Integer.parseInt(m.group(1))));
        }
        return Optional.ofNullable(switch (value) {
            case "today" -> today;
            case "yesterday" -> today.minusDays(1);
            case "start_of_week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "start_of_previous_week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
            case "start_of_month" -> today.withDayOfMonth(1);
            case "start_of_previous_month" -> today.withDayOfMonth(1).minusMonths(1);
            case "end_of_previous_month" -> today.withDayOfMonth(1).minusDays(1);
            case "start_of_year" -> today.withDayOfYear(1);
            case "start_of_previous_year" -> today.withDayOfYear(1).minusYears(1);
            default -> null;
        });
    }
}
