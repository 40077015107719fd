package com.platform.analytics.domain.metric;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;

/**
 * One registration cohort: its day, its size, and for N = 0, 1, ... the number of its users active on day
 * C+N exactly. The list stops at the last day inside the query's range (cells past it are absent, not zero).
 */
public record RetentionCohort(LocalDate cohort, long size, List<Long> retained) {
    public RetentionCohort {
        requireNonNull(cohort, "cohort is null");
        retained = List.copyOf(retained);
    }

    /** The share of the cohort active on day C+n, or null when that day is past the range or the cohort is empty. */
    public Double rate(int n) {
        if (n >= retained.size() || size == 0) {
            return null;
        }
        return retained.get(n) / (double) size;
    }

    /**
     * Day-n retention over several cohorts: retained users over cohort users, counting only the cohorts whose
     * day C+n lies inside the range (a cohort too young to have a day n is left out, not counted as lost).
     * Null when no cohort qualifies.
     */
    public static Double pooledRate(List<RetentionCohort> cohorts, int n) {
        long users = 0;
        long retainedUsers = 0;
        for (RetentionCohort c : cohorts) {
            if (n < c.retained.size()) {
                users += c.size;
                retainedUsers += c.retained.get(n);
            }
        }
        return users == 0 ? null : retainedUsers / (double) users;
    }
}
