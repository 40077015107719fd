package com.platform.analytics.application;

import com.platform.analytics.domain.alert.AlertEvent;
import com.platform.analytics.domain.alert.AlertRule;
import com.platform.analytics.domain.alert.AlertRuleDraft;
import com.platform.analytics.domain.alert.AlertStatus;
import com.platform.analytics.domain.analysis.BodyFields;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.AlertEventStore;
import com.platform.analytics.port.out.AlertRuleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Alert rules and events in memory, with the PostgreSQL store's guarantees (one FIRING event per series; an event and
 * its announcement stored together), for the service's tests. The PostgreSQL stores are tested against real servers.
 */
final class InMemoryAlertStores implements AlertRuleStore, AlertEventStore {
    final Map<UUID, AlertRule> rules = new LinkedHashMap<>();
    final Map<UUID, AlertEvent> events = new LinkedHashMap<>();
    /** The outbox: what was announced, in order. */
    final List<OutgoingEvent> announced = new ArrayList<>();

    @Override
    public synchronized AlertRule create(AlertRuleDraft draft, Instant now) {
        if (rules.values().stream().anyMatch(r -> r.name().equals(draft.name()))) {
            throw BodyFields.invalid("name", "a rule named '" + draft.name() + "' exists already");
        }
        AlertRule rule = new AlertRule(UUID.randomUUID(), draft, now, now);
        rules.put(rule.id(), rule);
        return rule;
    }

    @Override
    public synchronized Optional<AlertRule> find(UUID id) {
        return Optional.ofNullable(rules.get(id));
    }

    @Override
    public synchronized List<AlertRule> findAll() {
        return rules.values().stream().sorted(Comparator.comparing(AlertRule::name)).toList();
    }

    @Override
    public synchronized Optional<AlertRule> update(UUID id, AlertRuleDraft draft, Instant now) {
        AlertRule old = rules.get(id);
        if (old == null) {
            return Optional.empty();
        }
        AlertRule updated = new AlertRule(id, draft, old.createdAt(), now);
        rules.put(id, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized boolean delete(UUID id) {
        events.values().removeIf(e -> e.ruleId().equals(id));
        return rules.remove(id) != null;
    }

    @Override
    public synchronized Optional<AlertEvent> open(AlertEvent event, OutgoingEvent announcement) {
        if (!rules.containsKey(event.ruleId()) || firing(event.ruleId(), event.seriesKey()).isPresent()) {
            return Optional.empty();
        }
        events.put(event.id(), event);
        announced.add(announcement);
        return Optional.of(event);
    }

    @Override
    public synchronized Optional<AlertEvent> firing(UUID ruleId, String seriesKey) {
        return events.values().stream().filter(e -> e.ruleId().equals(ruleId) && e.seriesKey().equals(seriesKey)
                && e.status() == AlertStatus.FIRING).findFirst();
    }

    @Override
    public synchronized Optional<AlertEvent> resolve(UUID eventId, Instant resolvedAt) {
        AlertEvent e = events.get(eventId);
        if (e == null || e.status() != AlertStatus.FIRING) {
            return Optional.empty();
        }
        AlertEvent resolved = e.resolved(resolvedAt);
        events.put(eventId, resolved);
        return Optional.of(resolved);
    }

    @Override
    public synchronized List<AlertEvent> list(Optional<AlertStatus> status, long offset, int limit) {
        return events.values().stream().filter(e -> status.isEmpty() || e.status() == status.get())
                .sorted(Comparator.comparing(AlertEvent::triggeredAt).reversed().thenComparing(e -> e.id().toString()))
                .skip(offset).limit(limit).toList();
    }

    synchronized List<AlertEvent> eventsOf(UUID ruleId) {
        return events.values().stream().filter(e -> e.ruleId().equals(ruleId)).sorted(Comparator.comparing(AlertEvent::triggeredAt)).toList();
    }
}
