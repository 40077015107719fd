package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.port.in.AlertsUseCase;
import com.platform.analytics.port.in.AlertsUseCase.EvaluationRun;
import com.platform.analytics.port.in.AlertsUseCase.RuleOutcome;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertEvaluationJobTest {
    private final List<Instant> asked = new ArrayList<>();
    private List<RuleOutcome> outcomes = List.of();

    /** Only evaluateDue is used by the job; every other method of the use case is refused. */
    private final AlertsUseCase alerts = (AlertsUseCase) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {AlertsUseCase.class}, (proxy, method, args) -> {
                if (!method.getName().equals("evaluateDue")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                asked.add((Instant) args[0]);
                return new EvaluationRun((Instant) args[0], outcomes);
            });

    private static RuleOutcome outcome(String name, Optional<String> error) {
        return new RuleOutcome(UUID.randomUUID(), name, LocalDate.parse("2026-03-01"), 1, 0, 0, error);
    }

    @Test
    void evaluatesAtTheFireTimeAndCountsTheRules() throws Exception {
        outcomes = List.of(outcome("dau_drop", Optional.empty()), outcome("revenue", Optional.empty()));
        Instant fire = Instant.parse("2026-03-02T06:15:00Z");

        assertThat(new AlertEvaluationJob(alerts).run(fire)).isEqualTo(2);
        assertThat(asked).containsExactly(fire);
    }

    @Test
    void aFailedRuleFailsTheRunWithWhatWasEvaluated() {
        outcomes = List.of(outcome("dau_drop", Optional.empty()), outcome("broken", Optional.of("metric gone")));

        assertThatThrownBy(() -> new AlertEvaluationJob(alerts).run(Instant.parse("2026-03-02T06:15:00Z")))
                .isInstanceOfSatisfying(JobRunFailure.class, f -> assertThat(f.processedRecords()).isEqualTo(2))
                .hasMessageContaining("1 of 2 rules failed").hasMessageContaining("broken: metric gone");
    }
}
