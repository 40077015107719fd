package com.platform.analytics.domain.ml;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One output of a model: {@code [batch]} when {@code labels} is empty (a label, a score), else
 * {@code [batch, labels.size()]} whose columns the labels name (class probabilities: {@code ["retained", "churned"]}).
 */
public record ModelOutput(String name, TensorType type, List<String> labels) {
    public ModelOutput {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        labels = List.copyOf(labels);
        if (name.isBlank()) {
            throw new IllegalArgumentException("an output needs a name");
        }
    }
}
