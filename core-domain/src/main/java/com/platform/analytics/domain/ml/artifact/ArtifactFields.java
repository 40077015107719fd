package com.platform.analytics.domain.ml.artifact;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of an artifact map with messages that name the field, so a corrupt or foreign artifact fails at
 * load time with a reason instead of scoring nonsense later.
 *
 * <p>Numbers are accepted in every form {@link com.platform.analytics.domain.json.Json#parse} produces ({@code Long},
 * {@code BigInteger}, {@code BigDecimal}) and as the {@code Double}/{@code Integer} a model writes itself, so an
 * artifact reads the same whether or not it went through text. Doubles survive the text round trip exactly because
 * {@link Double#toString} prints the shortest decimal that reads back to the same double.
 */
public final class ArtifactFields {
    private final String kind;
    private final Map<String, Object> fields;

    private ArtifactFields(String kind, Map<String, Object> fields) {
        this.kind = kind;
        this.fields = fields;
    }

    /** Opens an artifact, checking that it is of the expected kind and format version. */
    public static ArtifactFields open(Map<String, Object> artifact, String expectedKind, long expectedFormat) {
        requireNonNull(artifact, "artifact is null");
        requireNonNull(expectedKind, "expectedKind is null");
        ArtifactFields reader = new ArtifactFields(expectedKind, artifact);
        String kind = reader.string("kind");
        if (!kind.equals(expectedKind)) {
            throw new IllegalArgumentException("artifact is a " + kind + ", expected a " + expectedKind);
        }
        long format = reader.integer("format");
        if (format != expectedFormat) {
            throw new IllegalArgumentException(
                    expectedKind + " artifact has format " + format + ", this version reads format " + expectedFormat);
        }
        return reader;
    }

    /** Opens an artifact stored as JSON bytes (a built-in model's file): not JSON is refused like a wrong kind. */
    public static ArtifactFields open(byte[] stored, String expectedKind, long expectedFormat) {
        requireNonNull(stored, "stored is null");
        Map<String, Object> json;
        try {
            json = Json.parseObject(new String(stored, StandardCharsets.UTF_8));
        } catch (Json.JsonException e) {
            throw new IllegalArgumentException("a " + expectedKind + " artifact is a JSON object: " + e.getMessage(), e);
        }
        return open(json, expectedKind, expectedFormat);
    }

    /** The JSON bytes an artifact is stored as. */
    public static byte[] bytes(Map<String, Object> artifact) {
        return Json.write(artifact).getBytes(StandardCharsets.UTF_8);
    }

    public String string(String name) {
        Object value = required(name);
        if (!(value instanceof String s)) {
            throw wrongType(name, "a string", value);
        }
        return s;
    }

    public long integer(String name) {
        return toLong(name, required(name));
    }

    public double number(String name) {
        return toDouble(name, required(name));
    }

    public boolean flag(String name) {
        Object value = required(name);
        if (!(value instanceof Boolean b)) {
            throw wrongType(name, "a boolean", value);
        }
        return b;
    }

    public List<?> list(String name) {
        Object value = required(name);
        if (!(value instanceof List<?> list)) {
            throw wrongType(name, "an array", value);
        }
        return list;
    }

    public double[] numbers(String name) {
        List<?> list = list(name);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toDouble(name + "[" + i + "]", list.get(i));
        }
        return out;
    }

    /** The artifact form of numbers that {@link #numbers(String)} reads back. */
    public static List<Object> numbers(double[] values) {
        List<Object> json = new java.util.ArrayList<>(values.length);
        for (double v : values) {
            json.add(v);
        }
        return json;
    }

    public int[] integers(String name) {
        List<?> list = list(name);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(toLong(name + "[" + i + "]", list.get(i)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String name) {
        Object value = required(name);
        if (!(value instanceof Map<?, ?>)) {
            throw wrongType(name, "an object", value);
        }
        return (Map<String, Object>) value;
    }

    /** A nested reader over an element of an array of objects, for artifacts holding lists of sub-structures. */
    @SuppressWarnings("unchecked")
    public static ArtifactFields nested(String kind, Object element) {
        if (!(element instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(kind + " artifact: expected an object, found " + element);
        }
        return new ArtifactFields(kind, (Map<String, Object>) element);
    }

    public static double toDouble(String name, Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("field " + name + " should be a number, found " + value);
    }

    private long toLong(String name, Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw wrongType(name, "an integer", value);
            }
        }
        throw wrongType(name, "an integer", value);
    }

    private Object required(String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException(kind + " artifact lacks the field " + name);
        }
        return value;
    }

    private IllegalArgumentException wrongType(String name, String expected, Object value) {
        return new IllegalArgumentException(
                kind + " artifact: field " + name + " should be " + expected + ", found " + value);
    }
}
