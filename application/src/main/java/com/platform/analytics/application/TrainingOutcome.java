package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a built-in model's training run did: the version it registered (none when there was too little data to train
 * on), the stage that version ended in (production when it beat its baseline, else staging), and why.
 */
public record TrainingOutcome(Optional<ModelVersion> version, String reason) {
    /** Who registers and promotes the built-in models: the training in this process, recorded as such. */
    static final Principal TRAINER = new Principal("built-in-training", Set.of(), Set.of(), Optional.empty());

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss")
            .withZone(ZoneOffset.UTC);

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

    /** A version named after the training time (UTC), so versions sort in training order. */
    static String versionAt(Clock clock) {
        return VERSION.format(clock.instant());
    }

    /** The figures that are numbers JSON can hold: a NaN (nothing to measure) is left out rather than stored. */
    static Map<String, Object> finite(Map<String, Double> figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        figures.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
