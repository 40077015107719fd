package com.platform.analytics.domain.ml;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One input of a model: a tensor {@code [batch, features.size()]} of {@code type}, whose columns are the named
 * features, in order. A request names features, never tensor positions, so a wrong or missing one is reported by
 * name.
 */
public record ModelInput(String name, TensorType type, List<String> features) {
    public ModelInput {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        features = List.copyOf(features);
        if (name.isBlank()) {
            throw new IllegalArgumentException("an input needs a name");
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("input " + name + " names no feature");
        }
    }
}
