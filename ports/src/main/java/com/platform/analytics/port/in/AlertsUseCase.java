package com.platform.analytics.port.in;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.alert.AlertEvent;
import com.platform.analytics.domain.alert.AlertRule;
import com.platform.analytics.domain.alert.AlertRuleDraft;
import com.platform.analytics.domain.alert.AlertStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Alert rules, their evaluation on schedule, and the alert events it opens and resolves. */
public interface AlertsUseCase {
    int MAX_PAGE_SIZE = 500;

    List<AlertRule> rules();

    /** @throws com.platform.analytics.domain.error.AnalyticsException RESOURCE_NOT_FOUND */
    AlertRule rule(UUID id);

    /**
     * @throws com.platform.analytics.domain.error.AnalyticsException INVALID_QUERY_PARAMETERS naming {@code /metric}
     *     for an unknown metric, {@code /name} for a taken name
     */
    AlertRule createRule(AlertRuleDraft draft);

    /** @throws com.platform.analytics.domain.error.AnalyticsException RESOURCE_NOT_FOUND, or as {@link #createRule} */
    AlertRule updateRule(UUID id, AlertRuleDraft draft);

    /** @throws com.platform.analytics.domain.error.AnalyticsException RESOURCE_NOT_FOUND */
    void deleteRule(UUID id);

    /** Events, the most recently triggered first. */
    List<AlertEvent> events(Optional<AlertStatus> status, long offset, int limit);

    /**
     * Evaluates every enabled rule on its latest complete period as of {@code now} (over all games), opening and
     * resolving events; a rule that fails (its metric unreadable) is reported and the others still run. For the
     * scheduler, which calls it on its cron.
     */
    EvaluationRun evaluateDue(Instant now);

    /** What one {@link #evaluateDue} did. */
    record EvaluationRun(Instant at, List<RuleOutcome> rules) {
        public EvaluationRun {
            requireNonNull(at, "at is null");
            rules = List.copyOf(rules);
        }

        public long opened() {
            return rules.stream().mapToLong(RuleOutcome::opened).sum();
        }

        public long resolved() {
            return rules.stream().mapToLong(RuleOutcome::resolved).sum();
        }

        public List<RuleOutcome> failures() {
            return rules.stream().filter(r -> r.error().isPresent()).toList();
        }
    }

    /**
     * One rule's evaluation: the period judged, how many series were judged, events opened and resolved, or why it
     * failed.
     */
    record RuleOutcome(UUID ruleId, String ruleName, LocalDate period, int series, int opened, int resolved,
            Optional<String> error) {
        public RuleOutcome {
            requireNonNull(ruleId, "ruleId is null");
            requireNonNull(ruleName, "ruleName is null");
            requireNonNull(period, "period is null");
            requireNonNull(error, "error is null");
        }
    }
}
