package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.alert.AlertEvent;
import com.platform.analytics.domain.alert.AlertRule;
import com.platform.analytics.domain.alert.AlertRuleDraft;
import com.platform.analytics.domain.alert.AlertStatus;
import com.platform.analytics.domain.analysis.BodyFields;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.in.AlertsUseCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Alerts held in memory, for the endpoint's tests: only "dau" and "sessions" are metrics. */
final class FakeAlerts implements AlertsUseCase {
    final List<AlertRule> rules = new ArrayList<>();
    /** Most recent first, as the use case answers. */
    final List<AlertEvent> events = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final List<String> onEventLoop = new ArrayList<>();

    private void called(String what) {
        calls.add(what);
        if (Thread.currentThread().getName().contains("eventloop")) {
            onEventLoop.add(what);
        }
    }

    @Override
    public synchronized List<AlertRule> rules() {
        called("rules");
        return List.copyOf(rules);
    }

    @Override
    public synchronized AlertRule rule(UUID id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AnalyticsException(ErrorCode.RESOURCE_NOT_FOUND, "no alert rule " + id));
    }

    @Override
    public synchronized AlertRule createRule(AlertRuleDraft draft) {
        called("createRule");
        if (!List.of("dau", "sessions").contains(draft.metricName())) {
            throw BodyFields.invalid("metric", "no metric named '" + draft.metricName() + "'");
        }
        Instant now = Instant.parse("2026-03-15T06:00:00Z");
        AlertRule rule = new AlertRule(UUID.randomUUID(), draft, now, now);
        rules.add(rule);
        return rule;
    }

    @Override
    public AlertRule updateRule(UUID id, AlertRuleDraft draft) {
        throw new UnsupportedOperationException("not routed");
    }

    @Override
    public void deleteRule(UUID id) {
        throw new UnsupportedOperationException("not routed");
    }

    @Override
    public synchronized List<AlertEvent> events(Optional<AlertStatus> status, long offset, int limit) {
        called("events " + status.map(AlertStatus::wireName).orElse("all") + " " + offset + " " + limit);
        return events.stream().filter(e -> status.isEmpty() || e.status() == status.get()).skip(offset).limit(limit).toList();
    }

    @Override
    public EvaluationRun evaluateDue(Instant now) {
        throw new UnsupportedOperationException("not routed");
    }
}
