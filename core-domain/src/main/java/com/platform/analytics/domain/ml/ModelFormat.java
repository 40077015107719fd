package com.platform.analytics.domain.ml;

import java.util.Optional;

/**
 * How a model's artifact is served. {@link #ONNX}: any ONNX model (brought by a user or exported by the built-in
 * churn trainer), run by ONNX Runtime. The others are the built-in models whose artifact is the JSON of their fitted
 * parameters, scored by the domain's own code.
 */
public enum ModelFormat {
    ONNX("onnx", "model.onnx"),
    FORECAST("forecast", "model.json"),
    ITEM_SIMILARITY("item_similarity", "model.json"),
    ISOLATION_FOREST("isolation_forest", "model.json");

    private final String wireName;
    private final String fileName;

    ModelFormat(String wireName, String fileName) {
        this.wireName = wireName;
        this.fileName = fileName;
    }

    public String wireName() {
        return wireName;
    }

    /** The artifact's file name under the version's prefix. */
    public String fileName() {
        return fileName;
    }

    public static Optional<ModelFormat> fromWire(String name) {
        for (ModelFormat format : values()) {
            if (format.wireName.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
