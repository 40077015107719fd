package com.platform.analytics.domain.ml;

import java.util.Locale;
import java.util.Optional;

/** The element type of a model input or output (ONNX's float, double, int64 and string tensors). */
public enum TensorType {
    FLOAT,
    DOUBLE,
    INT64,
    STRING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean numeric() {
        return this != STRING;
    }

    public static Optional<TensorType> fromWire(String name) {
        for (TensorType type : values()) {
            if (type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
