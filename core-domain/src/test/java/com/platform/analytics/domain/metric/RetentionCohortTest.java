package com.platform.analytics.domain.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionCohortTest {
    private static final LocalDate C = LocalDate.parse("2026-03-01");

    @Test
    void rateIsRetainedUsersOverCohortSize() {
        RetentionCohort c = new RetentionCohort(C, 4, List.of(4L, 2L, 1L));
        assertThat(c.rate(0)).isEqualTo(1.0);
        assertThat(c.rate(1)).isEqualTo(0.5);
        assertThat(c.rate(2)).isEqualTo(0.25);
    }

    @Test
    void rateIsNullPastTheRangeOrForAnEmptyCohort() {
        RetentionCohort c = new RetentionCohort(C, 4, List.of(4L, 2L));
        assertThat(c.rate(2)).isNull();
        assertThat(c.rate(30)).isNull();
        RetentionCohort empty = new RetentionCohort(C, 0, List.of(0L, 0L));
        assertThat(empty.rate(0)).isNull();
        assertThat(empty.rate(1)).isNull();
    }

    @Test
    void pooledRateLeavesOutCohortsTooYoungForDayN() {
        RetentionCohort old = new RetentionCohort(C, 10, List.of(10L, 5L, 3L));
        RetentionCohort middle = new RetentionCohort(C.plusDays(1), 6, List.of(6L, 1L));
        RetentionCohort young = new RetentionCohort(C.plusDays(2), 4, List.of(4L));
        List<RetentionCohort> all = List.of(old, middle, young);

        assertThat(RetentionCohort.pooledRate(all, 0)).isEqualTo(1.0);
        // day 1: only old and middle have one: (5 + 1) / (10 + 6), the young cohort is not counted as lost
        assertThat(RetentionCohort.pooledRate(all, 1)).isCloseTo(6.0 / 16.0, within(1e-12));
        // day 2: only old: 3 / 10
        assertThat(RetentionCohort.pooledRate(all, 2)).isCloseTo(0.3, within(1e-12));
        assertThat(RetentionCohort.pooledRate(all, 3)).isNull();
    }

    @Test
    void pooledRateCountsEmptyCohortsAsNothingAndIsNullWhenNoUserQualifies() {
        RetentionCohort empty = new RetentionCohort(C, 0, List.of(0L, 0L));
        RetentionCohort some = new RetentionCohort(C.plusDays(1), 5, List.of(5L, 2L));
        assertThat(RetentionCohort.pooledRate(List.of(empty, some), 1)).isCloseTo(0.4, within(1e-12));
        assertThat(RetentionCohort.pooledRate(List.of(empty), 0)).isNull();
        assertThat(RetentionCohort.pooledRate(List.of(), 0)).isNull();
    }

    @Test
    void theRetainedListIsCopied() {
        List<Long> cells = new ArrayList<>(List.of(3L, 1L));
        RetentionCohort c = new RetentionCohort(C, 3, cells);
        cells.add(1L);
        assertThat(c.retained()).containsExactly(3L, 1L);
        assertThatThrownBy(() -> c.retained().add(0L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new RetentionCohort(null, 1, List.of())).hasMessage("cohort is null");
    }
}
