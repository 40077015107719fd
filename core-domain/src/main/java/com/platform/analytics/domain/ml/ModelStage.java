package com.platform.analytics.domain.ml;

import java.util.Locale;
import java.util.Optional;

/**
 * A model version's stage ({@code ml_model_metadata.deployment_status}): {@code development → staging → production
 * → archived}; at most one production version per model name. {@code failed} marks a version whose training or
 * evaluation failed: it is kept for the record and never served.
 */
public enum ModelStage {
    DEVELOPMENT,
    STAGING,
    PRODUCTION,
    ARCHIVED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ModelStage> fromWire(String name) {
        for (ModelStage stage : values()) {
            if (stage.wireName().equals(name)) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }
}
