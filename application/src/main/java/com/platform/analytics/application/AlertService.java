package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.alert.AlertDeduplication;
import com.platform.analytics.domain.alert.AlertEvaluation;
import com.platform.analytics.domain.alert.AlertEvent;
import com.platform.analytics.domain.alert.AlertRule;
import com.platform.analytics.domain.alert.AlertTriggered;
import com.platform.analytics.domain.alert.AlertRuleDraft;
import com.platform.analytics.domain.alert.AlertStatus;
import com.platform.analytics.domain.analysis.BodyFields;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.metric.Dimension;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.in.AlertsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.out.AlertEventStore;
import com.platform.analytics.port.out.AlertRuleStore;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link AlertsUseCase}: rules in the metadata store, values from the metric queries (over all games: alerts are the
 * operators'), events opened and resolved per series by {@link AlertDeduplication}. Opening an event and announcing it
 * ({@code alert.triggered}, through the outbox) is one transaction of the event store, and the store lets only one
 * FIRING event per series exist: evaluations racing in two instances announce once.
 */
public final class AlertService implements AlertsUseCase {
    private static final System.Logger LOG = System.getLogger(AlertService.class.getName());

    private final AlertRuleStore rules;
    private final AlertEventStore events;
    private final MetricQueriesUseCase metrics;
    private final Clock clock;

    @Inject
    public AlertService(AlertRuleStore rules, AlertEventStore events, MetricQueriesUseCase metrics, Clock clock) {
        this.rules = requireNonNull(rules, "rules is null");
        this.events = requireNonNull(events, "events is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<AlertRule> rules() {
        return rules.findAll();
    }

    @Override
    public AlertRule rule(UUID id) {
        return rules.find(requireNonNull(id, "id is null")).orElseThrow(() -> notFound(id));
    }

    @Override
    public AlertRule createRule(AlertRuleDraft draft) {
        checkMetric(requireNonNull(draft, "draft is null"));
        return rules.create(draft, clock.instant());
    }

    @Override
    public AlertRule updateRule(UUID id, AlertRuleDraft draft) {
        requireNonNull(id, "id is null");
        checkMetric(requireNonNull(draft, "draft is null"));
        return rules.update(id, draft, clock.instant()).orElseThrow(() -> notFound(id));
    }

    @Override
    public void deleteRule(UUID id) {
        if (!rules.delete(requireNonNull(id, "id is null"))) {
            throw notFound(id);
        }
    }

    @Override
    public List<AlertEvent> events(Optional<AlertStatus> status, long offset, int limit) {
        requireNonNull(status, "status is null");
        if (offset < 0 || limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("offset >= 0 and limit 1.." + MAX_PAGE_SIZE + "; got " + offset + ", " + limit);
        }
        return events.list(status, offset, limit);
    }

    @Override
    public EvaluationRun evaluateDue(Instant now) {
        requireNonNull(now, "now is null");
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (AlertRule rule : rules.findAll()) {
            if (!rule.draft().enabled()) {
                continue;
            }
            LocalDate period = AlertEvaluation.latestCompletePeriod(rule.draft().granularity(), now, rule.draft().zone());
            try {
                outcomes.add(evaluate(rule, period, now));
            } catch (RuntimeException e) {
                // one rule's failure (its metric unreadable, the store down) must not silence the others
                LOG.log(System.Logger.Level.WARNING, "alert rule " + rule.name() + " could not be evaluated for " + period, e);
                outcomes.add(new RuleOutcome(rule.id(), rule.name(), period, 0, 0, 0, Optional.of(reason(e))));
            }
        }
        return new EvaluationRun(now, outcomes);
    }

    private RuleOutcome evaluate(AlertRule rule, LocalDate period, Instant now) {
        AlertRuleDraft d = rule.draft();
        MetricValuesQuery query = new MetricValuesQuery(d.metricName(),
                AlertEvaluation.historyStart(d.granularity(), d.condition(), period),
                AlertEvaluation.periodEnd(d.granularity(), period), d.granularity(), d.zone(), d.dimensions(), d.filters());
        MetricValues values = metrics.values(query, DataScope.ALL_GAMES);
        int opened = 0;
        int resolved = 0;
        for (MetricSeries series : values.series()) {
            String key = AlertEvaluation.seriesKey(series.dimensions());
            AlertEvaluation.Result result = AlertEvaluation.evaluate(d.metricName(), d.granularity(), d.condition(), period,
                    series.points());
            Optional<AlertEvent> firing = events.firing(rule.id(), key);
            switch (AlertDeduplication.next(firing.isPresent(), result.outcome())) {
                case OPEN -> {
                    AlertEvent event = new AlertEvent(UUID.randomUUID(), rule.id(), rule.name(), d.metricName(), key,
                            series.dimensions(), AlertStatus.FIRING, period, result.observed(), result.threshold(),
                            result.expected(), result.deviation(), d.severity(), result.description(), now, null);
                    // empty: another evaluation opened it first (and announced it)
                    if (events.open(event, announcement(rule, event)).isPresent()) {
                        opened++;
                    }
                }
                case RESOLVE -> {
                    if (events.resolve(firing.get().id(), now).isPresent()) {
                        resolved++;
                    }
                }
                case STAY_FIRING, STAY_QUIET -> {
                    // a persisting condition was announced when it began; nothing to say now
                }
            }
        }
        return new RuleOutcome(rule.id(), rule.name(), period, values.series().size(), opened, resolved, Optional.empty());
    }

    /** {@code alert.triggered} with the spec's payload (5.1), plus the ids and numbers a consumer needs to act. */
    static OutgoingEvent announcement(AlertRule rule, AlertEvent event) {
        Map<String, Object> data = new AlertTriggered(event.id().toString(), rule.name(), event.severity().wireName(),
                rule.draft().description() == null ? event.description()
                        : rule.draft().description() + ": " + event.description(),
                event.metricName(), event.observedValue(), event.thresholdValue(), event.expectedValue(), event.deviation(),
                event.dimensions(), event.status().wireName(), event.triggeredAt()).data();
        data.put("ruleId", rule.id().toString());
        data.put("period", event.period().toString());
        data.put("granularity", rule.draft().granularity().wireName());
        return OutgoingEvent.of(OutgoingEvent.ALERT_TRIGGERED, rule.id().toString(), event.triggeredAt(), data);
    }

    /** A rule must name a metric that exists, and break it down only by dimensions it has. */
    private void checkMetric(AlertRuleDraft draft) {
        MetricDefinition definition;
        try {
            definition = metrics.definition(draft.metricName());
        } catch (AnalyticsException e) {
            if (e.code() == ErrorCode.METRIC_DEFINITION_NOT_FOUND) {
                throw BodyFields.invalid("metric", "no metric named '" + draft.metricName() + "'; GET /metrics/definitions lists them");
            }
            throw e;
        }
        for (int i = 0; i < draft.dimensions().size(); i++) {
            Dimension dim = draft.dimensions().get(i);
            if (!definition.dimensions().isEmpty() && !definition.dimensions().contains(dim.fieldName())) {
                throw BodyFields.invalidAt("/dimensions/" + i, "metric " + definition.name() + " cannot be broken down by "
                        + dim.fieldName() + "; its dimensions: " + String.join(", ", definition.dimensions()));
            }
        }
    }

    private static String reason(RuntimeException e) {
        if (e instanceof AnalyticsException a) {
            return a.code() + ": " + a.detail();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static AnalyticsException notFound(UUID id) {
        return new AnalyticsException(ErrorCode.RESOURCE_NOT_FOUND, "no alert rule with id " + id, "rule_id", null, null);
    }
}
