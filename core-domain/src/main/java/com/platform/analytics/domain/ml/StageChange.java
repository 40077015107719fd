package com.platform.analytics.domain.ml;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A recorded stage change of a model version: who moved it, from where to where, when and why. Promotions, the
 * archiving of the version a promotion replaces, and rollbacks are all recorded this way.
 *
 * @param from null for the registration itself
 */
public record StageChange(UUID modelId, String modelName, String version, ModelStage from, ModelStage to, String actor,
        String reason, Instant at) {
    public StageChange {
        requireNonNull(modelId, "modelId is null");
        requireNonNull(modelName, "modelName is null");
        requireNonNull(version, "version is null");
        requireNonNull(to, "to is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(at, "at is null");
    }
}
