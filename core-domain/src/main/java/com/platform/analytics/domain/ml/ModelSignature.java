package com.platform.analytics.domain.ml;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a model takes and gives ({@code ml_model_metadata.input_schema} / {@code output_schema}): named inputs whose
 * columns are named features, and named outputs. Requests name features; {@link #validate} checks every instance
 * before a model sees it, so a bad one is refused with the feature's name instead of failing inside the runtime.
 */
public record ModelSignature(List<ModelInput> inputs, List<ModelOutput> outputs) {
    /** The most instances one prediction request may carry. */
    public static final int MAX_BATCH = 10_000;

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one input");
        }
        Set<String> features = new HashSet<>();
        Set<String> inputNames = new HashSet<>();
        for (ModelInput input : inputs) {
            if (!inputNames.add(input.name())) {
                throw new IllegalArgumentException("input " + input.name() + " is named twice");
            }
            for (String feature : input.features()) {
                if (!features.add(feature)) {
                    throw new IllegalArgumentException("feature " + feature + " is named twice");
                }
            }
        }
    }

    /** Every feature name, in input order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        inputs.forEach(i -> names.addAll(i.features()));
        return names;
    }

    /**
     * Checks the instances (each a JSON object of feature → value) and lays them out per input.
     *
     * @param pointer the JSON pointer of the instances array in the request, for errors ({@code /instances})
     * @throws AnalyticsException {@code INVALID_REQUEST_BODY} naming the instance and feature: missing, unknown,
     *     of the wrong type, not finite, or a fraction for an integer input; also for an empty or oversized batch
     */
    public List<InputBatch> validate(List<?> instances, String pointer) {
        requireNonNull(instances, "instances is null");
        if (instances.isEmpty()) {
            throw AnalyticsException.invalidBody(pointer, "no instances to predict");
        }
        if (instances.size() > MAX_BATCH) {
            throw AnalyticsException.invalidBody(pointer,
                    instances.size() + " instances in one request; at most " + MAX_BATCH);
        }
        Set<String> known = new HashSet<>(featureNames());
        int rows = instances.size();
        List<InputBatch> batches = new ArrayList<>(inputs.size());
        for (ModelInput input : inputs) {
            int width = input.features().size();
            double[] numbers = input.type().numeric() ? new double[rows * width] : null;
            String[] strings = input.type().numeric() ? null : new String[rows * width];
            for (int r = 0; r < rows; r++) {
                Map<?, ?> instance = instance(instances.get(r), pointer + "/" + r, known);
                for (int c = 0; c < width; c++) {
                    String feature = input.features().get(c);
                    String at = pointer + "/" + r + "/" + feature;
                    Object value = instance.get(feature);
                    if (value == null || value == Json.NULL) {
                        throw AnalyticsException.invalidBody(at, "instance " + r + " has no value for feature '" + feature + "'");
                    }
                    if (input.type().numeric()) {
                        numbers[r * width + c] = number(value, input.type(), feature, r, at);
                    } else if (value instanceof String s) {
                        strings[r * width + c] = s;
                    } else {
                        throw AnalyticsException.invalidBody(at, "feature '" + feature + "' of instance " + r
                                + " must be a string, not " + Json.typeName(value));
                    }
                }
            }
            batches.add(new InputBatch(input.name(), input.type(), rows, width, numbers, strings));
        }
        return batches;
    }

    private static Map<?, ?> instance(Object value, String at, Set<String> known) {
        if (!(value instanceof Map<?, ?> map)) {
            throw AnalyticsException.invalidBody(at, "an instance is a JSON object of feature values, not " + Json.typeName(value));
        }
        for (Object key : map.keySet()) {
            if (!known.contains(key)) {
                throw AnalyticsException.invalidBody(at + "/" + key, "the model has no feature '" + key + "'; its features: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
        return map;
    }

    private static double number(Object value, TensorType type, String feature, int row, String at) {
        if (!(value instanceof Number n)) {
            throw AnalyticsException.invalidBody(at, "feature '" + feature + "' of instance " + row + " must be a number, not "
                    + Json.typeName(value));
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw AnalyticsException.invalidBody(at, "feature '" + feature + "' of instance " + row + " is not finite");
        }
        if (type == TensorType.INT64 && (d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15)) {
            throw AnalyticsException.invalidBody(at, "feature '" + feature + "' of instance " + row + " must be an integer");
        }
        return d;
    }

    /** The stored input schema: {@code [{"name":..,"type":..,"features":[..]}]}. */
    public List<Object> inputsJson() {
        List<Object> json = new ArrayList<>();
        for (ModelInput input : inputs) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", input.name());
            i.put("type", input.type().wireName());
            i.put("features", input.features());
            json.add(i);
        }
        return json;
    }

    /** The stored output schema: {@code [{"name":..,"type":..,"labels":[..]}]}. */
    public List<Object> outputsJson() {
        List<Object> json = new ArrayList<>();
        for (ModelOutput output : outputs) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", output.name());
            o.put("type", output.type().wireName());
            o.put("labels", output.labels());
            json.add(o);
        }
        return json;
    }

    /**
     * Reads the stored (or requested) form back.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ModelSignature fromJson(List<?> inputs, List<?> outputs) {
        List<ModelInput> in = new ArrayList<>();
        for (Object o : inputs) {
            Map<?, ?> m = object(o, "input");
            in.add(new ModelInput(text(m, "name"), type(m), strings(m.get("features"), "features")));
        }
        List<ModelOutput> out = new ArrayList<>();
        for (Object o : outputs == null ? List.of() : outputs) {
            Map<?, ?> m = object(o, "output");
            out.add(new ModelOutput(text(m, "name"), type(m), m.get("labels") == null ? List.of() : strings(m.get("labels"), "labels")));
        }
        return new ModelSignature(in, out);
    }

    private static Map<?, ?> object(Object o, String what) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("an " + what + " is a JSON object, not " + Json.typeName(o));
        }
        return m;
    }

    private static String text(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' must be a non-empty string");
        }
        return s;
    }

    private static TensorType type(Map<?, ?> m) {
        String t = text(m, "type");
        return TensorType.fromWire(t).orElseThrow(() -> new IllegalArgumentException(
                "unknown type '" + t + "' (float, double, int64, string)"));
    }

    private static List<String> strings(Object value, String key) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("'" + key + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("'" + key + "' must be an array of non-empty strings");
            }
            out.add(s);
        }
        return out;
    }
}
