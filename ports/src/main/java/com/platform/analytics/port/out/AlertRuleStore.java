package com.platform.analytics.port.out;

import com.platform.analytics.domain.alert.AlertRule;
import com.platform.analytics.domain.alert.AlertRuleDraft;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Alert rules in the metadata store (the {@code alert_rules} table). */
public interface AlertRuleStore {
    /**
     * @throws com.platform.analytics.domain.error.AnalyticsException INVALID_QUERY_PARAMETERS (pointer {@code /name})
     *     when another rule has the name
     */
    AlertRule create(AlertRuleDraft draft, Instant now);

    Optional<AlertRule> find(UUID id);

    /** All rules, by name. */
    List<AlertRule> findAll();

    /** Replaces what the client controls; empty when there is no such rule. */
    Optional<AlertRule> update(UUID id, AlertRuleDraft draft, Instant now);

    /** Whether a rule was deleted (its events go with it). */
    boolean delete(UUID id);
}
