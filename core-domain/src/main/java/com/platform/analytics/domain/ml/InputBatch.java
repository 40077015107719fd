package com.platform.analytics.domain.ml;

import static java.util.Objects.requireNonNull;

/**
 * The validated values of one model input for a batch of instances, row-major ({@code rows × width}): numbers for a
 * numeric input, strings for a string one (the other array is null).
 */
public record InputBatch(String inputName, TensorType type, int rows, int width, double[] numbers, String[] strings) {
    public InputBatch {
        requireNonNull(inputName, "inputName is null");
        requireNonNull(type, "type is null");
        if (type.numeric() ? numbers == null || numbers.length != rows * width
                : strings == null || strings.length != rows * width) {
            throw new IllegalArgumentException("input " + inputName + " needs " + rows * width + " values");
        }
    }
}
