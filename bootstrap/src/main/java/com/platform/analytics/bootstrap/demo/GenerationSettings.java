package com.platform.analytics.bootstrap.demo;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What the synthetic platform generates: how many users register over how many days from which first
 * day, and the seed that makes the output reproducible.
 *
 * @param users users who register during the window (all of them register inside it, so every one
 *     belongs to a retention cohort)
 * @param days length of the window in UTC days
 * @param firstDay the window's first UTC day
 * @param seed the random seed; the same settings give byte-identical output
 */
public record GenerationSettings(int users, int days, LocalDate firstDay, long seed) {
    /** Fixed rather than "today", so that the default output never changes. */
    public static final LocalDate DEFAULT_FIRST_DAY = LocalDate.of(2026, 3, 1).minusDays(60);
    public static final int DEFAULT_USERS = 50_000;
    public static final int DEFAULT_DAYS = 60;
    public static final long DEFAULT_SEED = 20260301L;

    public GenerationSettings {
        requireNonNull(firstDay, "firstDay is null");
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, got " + users);
        }
        if (days < 1 || days > 3660) {
            throw new IllegalArgumentException("days must be between 1 and 3660, got " + days);
        }
    }

    public static GenerationSettings defaults() {
        return new GenerationSettings(DEFAULT_USERS, DEFAULT_DAYS, DEFAULT_FIRST_DAY, DEFAULT_SEED);
    }

    public GenerationSettings withUsers(int newUsers) {
        return new GenerationSettings(newUsers, days, firstDay, seed);
    }

    public GenerationSettings withDays(int newDays) {
        return new GenerationSettings(users, newDays, firstDay, seed);
    }

    public GenerationSettings withFirstDay(LocalDate newFirstDay) {
        return new GenerationSettings(users, days, newFirstDay, seed);
    }

    public GenerationSettings withSeed(long newSeed) {
        return new GenerationSettings(users, days, firstDay, newSeed);
    }

    /** The window's last UTC day (inclusive). */
    public LocalDate lastDay() {
        return firstDay.plusDays(days - 1L);
    }
}
