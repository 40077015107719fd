package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import java.util.Optional;

/**
 * What a built-in model's training run did: the version it registered (none when there was too little data to train
 * on), the stage that version ended in (production when it beat its baseline, else staging), and why.
 */
public record TrainingOutcome(Optional<ModelVersion> version, String reason) {
    public TrainingOutcome {
        requireNonNull(version, "version is null");
        requireNonNull(reason, "reason is null");
    }

    static TrainingOutcome skipped(String reason) {
        return new TrainingOutcome(Optional.empty(), reason);
    }

    public boolean promoted() {
        return version.isPresent() && version.get().stage() == ModelStage.PRODUCTION;
    }
}
