package com.platform.analytics.domain.analysis.retention;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One cohort of a retention table: its first period, its size, and for N = 0, 1, ... the number of its users
 * retained in period C+N, as far as the query range reaches (cells past it are absent, not zero, so the list may be
 * shorter than the query's periods + 1). Cell 0 is the whole cohort (N = 0 gives 1.0).
 */
public record CohortRow(LocalDate cohort, long size, List<Long> retained) {
    public CohortRow {
        requireNonNull(cohort, "cohort is null");
        retained = List.copyOf(retained);
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }

    /** The share retained in period C+n, or null when that period is past the range or the cohort is empty. */
    public Double rate(int n) {
        if (n >= retained.size() || size == 0) {
            return null;
        }
        return retained.get(n) / (double) size;
    }

    /** The shares of every cell, in order (what the API answers). */
    public List<Double> retention() {
        List<Double> shares = new ArrayList<>(retained.size());
        for (int n = 0; n < retained.size(); n++) {
            shares.add(rate(n));
        }
        return Collections.unmodifiableList(shares);
    }

    /**
     * Period-n retention over several cohorts: retained users over cohort users, counting only the cohorts whose
     * period C+n lies inside the range (a cohort too young to have a period n is left out, not counted as lost).
     * Null when no cohort qualifies.
     */
    public static Double pooledRate(List<CohortRow> cohorts, int n) {
        long users = 0;
        long retainedUsers = 0;
        for (CohortRow c : cohorts) {
            if (n < c.retained.size()) {
                users += c.size;
                retainedUsers += c.retained.get(n);
            }
        }
        return users == 0 ? null : retainedUsers / (double) users;
    }
}
