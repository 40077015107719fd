package com.platform.analytics.domain.analysis.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortRowTest {
    private static final LocalDate C = LocalDate.parse("2026-03-01");

    @Test
    void rateIsRetainedUsersOverCohortSize() {
        CohortRow c = new CohortRow(C, 4, List.of(4L, 2L, 1L));
        assertThat(c.rate(0)).isEqualTo(1.0);
        assertThat(c.rate(1)).isEqualTo(0.5);
        assertThat(c.rate(2)).isEqualTo(0.25);
    }

    @Test
    void rateIsNullPastTheRangeOrForAnEmptyCohort() {
        CohortRow c = new CohortRow(C, 4, List.of(4L, 2L));
        assertThat(c.rate(2)).isNull();
        assertThat(c.rate(30)).isNull();
        CohortRow empty = new CohortRow(C, 0, List.of(0L, 0L));
        assertThat(empty.rate(0)).isNull();
        assertThat(empty.rate(1)).isNull();
    }

    @Test
    void pooledRateLeavesOutCohortsTooYoungForDayN() {
        CohortRow old = new CohortRow(C, 10, List.of(10L, 5L, 3L));
        CohortRow middle = new CohortRow(C.plusDays(1), 6, List.of(6L, 1L));
        CohortRow young = new CohortRow(C.plusDays(2), 4, List.of(4L));
        List<CohortRow> all = List.of(old, middle, young);

        assertThat(CohortRow.pooledRate(all, 0)).isEqualTo(1.0);
        // day 1: only old and middle have one: (5 + 1) / (10 + 6), the young cohort is not counted as lost
        assertThat(CohortRow.pooledRate(all, 1)).isCloseTo(6.0 / 16.0, within(1e-12));
        // day 2: only old: 3 / 10
        assertThat(CohortRow.pooledRate(all, 2)).isCloseTo(0.3, within(1e-12));
        assertThat(CohortRow.pooledRate(all, 3)).isNull();
    }

    @Test
    void pooledRateCountsEmptyCohortsAsNothingAndIsNullWhenNoUserQualifies() {
        CohortRow empty = new CohortRow(C, 0, List.of(0L, 0L));
        CohortRow some = new CohortRow(C.plusDays(1), 5, List.of(5L, 2L));
        assertThat(CohortRow.pooledRate(List.of(empty, some), 1)).isCloseTo(0.4, within(1e-12));
        assertThat(CohortRow.pooledRate(List.of(empty), 0)).isNull();
        assertThat(CohortRow.pooledRate(List.of(), 0)).isNull();
    }

    @Test
    void sharesAreWhatTheApiAnswers() {
        CohortRow c = new CohortRow(C, 40, List.of(40L, 16L, 10L));
        assertThat(c.retention()).containsExactly(1.0, 0.4, 0.25);
        assertThat(new CohortRow(C, 0, List.of(0L)).retention()).containsExactly((Double) null);
        assertThatThrownBy(() -> new CohortRow(C, -1, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRetainedListIsCopied() {
        List<Long> cells = new ArrayList<>(List.of(3L, 1L));
        CohortRow c = new CohortRow(C, 3, cells);
        cells.add(1L);
        assertThat(c.retained()).containsExactly(3L, 1L);
        assertThatThrownBy(() -> c.retained().add(0L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new CohortRow(null, 1, List.of())).hasMessage("cohort is null");
    }
}
