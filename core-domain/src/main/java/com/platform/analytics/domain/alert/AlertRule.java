package com.platform.analytics.domain.alert;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A stored alert rule: the client's {@link AlertRuleDraft} and what the store adds. */
public record AlertRule(UUID id, AlertRuleDraft draft, Instant createdAt, Instant updatedAt) {
    public AlertRule {
        requireNonNull(id, "id is null");
        requireNonNull(draft, "draft is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    public String name() {
        return draft.name();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id.toString());
        json.putAll(draft.toJson());
        json.put("createdAt", createdAt.toString());
        json.put("updatedAt", updatedAt.toString());
        return json;
    }
}
