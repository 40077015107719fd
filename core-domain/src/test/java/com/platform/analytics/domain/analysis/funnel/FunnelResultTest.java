package com.platform.analytics.domain.analysis.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunnelResultTest {
    private static final FunnelQuery THREE_STEPS = new FunnelQuery(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01"),
            ZoneOffset.UTC, Duration.ofDays(1), List.of(step("a"), step("b"), step("c")), Optional.of("data.platform"));

    @Test
    void conversionsAreRatiosRoundedToFourDecimalsAndMissingStepsAreZero() {
        FunnelResult r = FunnelResult.of(THREE_STEPS, List.of(
                new FunnelCount(null, 1, 3, 0.0, 0.0), new FunnelCount(null, 2, 2, 1.0005, 1.25)), "sql");

        assertThat(r.steps()).extracting(FunnelStepResult::users).containsExactly(3L, 2L, 0L);
        assertThat(r.steps().get(1).conversionFromStart()).isEqualTo(new BigDecimal("0.6667"));
        assertThat(r.steps().get(1).conversionFromPrevious()).isEqualTo(new BigDecimal("0.6667"));
        assertThat(r.steps().get(1).medianSecondsFromStart()).isEqualTo(new BigDecimal("1.001"));
        assertThat(r.steps().get(2).conversionFromStart()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(r.steps().get(2).medianSecondsFromStart()).isNull();
        assertThat(r.steps().get(0).conversionFromStart()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(r.breakdown()).isEmpty();
    }

    @Test
    void anEmptyFunnelHasZeroConversionsNotDivisionsByZero() {
        FunnelResult r = FunnelResult.of(THREE_STEPS, List.of(), "sql");
        assertThat(r.steps()).allSatisfy(s -> {
            assertThat(s.users()).isZero();
            assertThat(s.conversionFromStart()).isEqualByComparingTo("0");
            assertThat(s.conversionFromPrevious()).isEqualByComparingTo("0");
        });
    }

    @Test
    void breakdownValuesComeBiggestFirstAndAnEmptyValueIsNull() {
        FunnelResult r = FunnelResult.of(THREE_STEPS, List.of(
                new FunnelCount(null, 1, 6, 0.0, 0.0),
                new FunnelCount("ps", 1, 1, 0.0, 0.0), new FunnelCount("", 1, 2, 0.0, 0.0), new FunnelCount("pc", 1, 3, 0.0, 0.0),
                new FunnelCount("pc", 2, 3, 5.0, 5.0)), "sql");

        assertThat(r.breakdown()).extracting(FunnelBreakdown::value).containsExactly("pc", null, "ps");
        assertThat(r.breakdown().get(0).steps().get(1).conversionFromPrevious()).isEqualTo(new BigDecimal("1.0000"));
    }

    @Test
    void aLaterStepWithMoreUsersThanAnEarlierOneIsRefused() {
        assertThatThrownBy(() -> FunnelResult.of(THREE_STEPS, List.of(
                new FunnelCount(null, 1, 2, 0.0, 0.0), new FunnelCount(null, 2, 3, 1.0, 1.0)), "sql"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("step 2 has more users (3) than step 1 (2)");
        assertThatThrownBy(() -> FunnelResult.of(THREE_STEPS, List.of(
                new FunnelCount(null, 1, 5, 0.0, 0.0), new FunnelCount("pc", 3, 1, 1.0, 1.0)), "sql"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("breakdown value pc");
    }

    private static FunnelStep step(String event) {
        return new FunnelStep(event, List.of());
    }
}
