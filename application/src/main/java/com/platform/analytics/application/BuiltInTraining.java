package com.platform.analytics.application;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.port.in.ModelRegistryUseCase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the built-in trainings (churn, fraud, sales forecast, recommendations) share when they register a version. */
final class BuiltInTraining {
    /**
     * Who registers and promotes the built-in models (churn, fraud, sales forecast, recommendations): the training in
     * this process, recorded as such in each version and stage change.
     */
    static final Principal TRAINER = new Principal("built-in-training", Set.of(), Set.of(), Optional.empty());

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss")
            .withZone(ZoneOffset.UTC);

    private BuiltInTraining() {
    }

    /**
     * The version a built-in training registers: named after the training time (UTC, {@code yyyyMMdd.HHmmss}), so
     * versions sort in training order, with a counter ({@code -2}, {@code -3}, ...) when the model already has a
     * version of that second.
     */
    static String newVersion(ModelRegistryUseCase registry, String model, Instant trainedAt) {
        Set<String> taken = registry.models(Optional.of(model), Optional.empty()).stream()
                .map(ModelVersion::version).collect(Collectors.toSet());
        String base = VERSION.format(trainedAt);
        String version = base;
        for (int n = 2; taken.contains(version); n++) {
            version = base + "-" + n;
        }
        return version;
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
