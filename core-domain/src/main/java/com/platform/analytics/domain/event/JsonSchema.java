package com.platform.analytics.domain.event;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled JSON Schema (draft 2020-12) of the subset the platform's event contract uses.
 *
 * <p>Assertions: {@code type} (a name or an array of names; {@code integer} is any number without a
 * fraction), {@code required}, {@code properties}, {@code additionalProperties} (boolean or schema),
 * {@code items}, {@code enum}, {@code const}, {@code pattern} (a {@link Pattern} that must be found somewhere
 * in the string, as ECMA-262 {@code test} does), {@code minimum}, {@code maximum}, {@code exclusiveMinimum},
 * {@code exclusiveMaximum}, {@code minLength}, {@code maxLength} (in code points), {@code minItems},
 * {@code maxItems}, and {@code format} as an assertion (the contract says so) for {@code uuid},
 * {@code date-time} (RFC 3339, offset required), {@code date} and {@code email}. Annotations ({@code title},
 * {@code description}, ...) are accepted and ignored.
 *
 * <p>Any other keyword or format makes {@link #compile} fail: a schema keyword that was silently ignored
 * would let through events the contract refuses. Compilation happens once, so validation compiles no regex.
 */
public final class JsonSchema {
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final Set<String> ANNOTATIONS = Set.of(
            "$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated",
            "readOnly", "writeOnly");
    private static final Set<String> TYPE_NAMES = Set.of(
            "null", "boolean", "object", "array", "number", "integer", "string");
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private final Node root;

    private JsonSchema(Node root) {
        this.root = root;
    }

    /** One way an instance breaks the schema: where (a JSON pointer) and what, in plain words. */
    public record Violation(String pointer, String message) {
        public Violation {
            requireNonNull(pointer, "pointer is null");
            requireNonNull(message, "message is null");
        }

        @Override
        public String toString() {
            return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
        }
    }

    /** Compiles a schema given as JSON text. */
    public static JsonSchema parse(String schemaText) {
        return compile(Json.parse(schemaText));
    }

    /**
     * Compiles a schema given as a JSON tree.
     *
     * @throws IllegalArgumentException naming the schema location of an unsupported or malformed keyword
     */
    public static JsonSchema compile(Object schemaJson) {
        return new JsonSchema(compileNode(schemaJson, "", true));
    }

    /** Every violation of the instance, with pointers from the instance root ({@code ""}). */
    public List<Violation> validate(Object instance) {
        return validate(instance, "");
    }

    /** Every violation of the instance, with pointers prefixed by {@code pointerPrefix} (such as {@code /data}). */
    public List<Violation> validate(Object instance, String pointerPrefix) {
        List<Violation> out = new ArrayList<>(0);
        root.validate(instance, pointerPrefix, out);
        return out;
    }

    // ---------------------------------------------------------------- compilation

    private enum Format {
        UUID, DATE_TIME, DATE, EMAIL
    }

    private static Node compileNode(Object json, String at, boolean isRoot) {
        if (json instanceof Boolean b) {
            Node n = new Node();
            n.alwaysFalse = !b;
            return n;
        }
        if (!(json instanceof Map<?, ?> map)) {
            throw bad(at, "a schema must be an object or a boolean, found " + Json.typeName(json));
        }
        Node n = new Node();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            Object v = e.getValue();
            String here = JsonPointers.child(at, key);
            switch (key) {
                case "type" -> n.types = compileTypes(v, here);
                case "required" -> n.required = stringList(v, here);
                case "properties" -> {
                    if (!(v instanceof Map<?, ?> props)) {
                        throw bad(here, "must be an object");
                    }
                    n.properties = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> p : props.entrySet()) {
                        String name = (String) p.getKey();
                        n.properties.put(name, compileNode(p.getValue(), JsonPointers.child(here, name), false));
                    }
                }
                case "additionalProperties" -> n.additionalProperties = compileNode(v, here, false);
                case "items" -> n.items = compileNode(v, here, false);
                case "enum" -> {
                    if (!(v instanceof List<?> values) || values.isEmpty()) {
                        throw bad(here, "must be a non-empty array");
                    }
                    n.enumValues = List.copyOf(values);
                }
                case "const" -> {
                    n.hasConst = true;
                    n.constValue = v;
                }
                case "pattern" -> {
                    if (!(v instanceof String regex)) {
                        throw bad(here, "must be a string");
                    }
                    try {
                        n.pattern = Pattern.compile(regex);
                    } catch (PatternSyntaxException ex) {
                        throw bad(here, "is not a valid regular expression: " + ex.getDescription());
                    }
                }
                case "minimum" -> n.minimum = number(v, here);
                case "maximum" -> n.maximum = number(v, here);
                case "exclusiveMinimum" -> n.exclusiveMinimum = number(v, here);
                case "exclusiveMaximum" -> n.exclusiveMaximum = number(v, here);
                case "minLength" -> n.minLength = count(v, here);
                case "maxLength" -> n.maxLength = count(v, here);
                case "minItems" -> n.minItems = count(v, here);
                case "maxItems" -> n.maxItems = count(v, here);
                case "format" -> n.format = compileFormat(v, here);
                case "$schema" -> {
                    if (!isRoot || !DRAFT_2020_12.equals(v)) {
                        throw bad(here, "only draft 2020-12 (" + DRAFT_2020_12 + ") at the root is supported");
                    }
                }
                default -> {
                    if (!ANNOTATIONS.contains(key)) {
                        throw bad(here, "unsupported JSON Schema keyword '" + key + "'");
                    }
                }
            }
        }
        return n;
    }

    private static Set<String> compileTypes(Object v, String at) {
        List<String> names = v instanceof String s ? List.of(s) : stringList(v, at);
        if (names.isEmpty()) {
            throw bad(at, "must name at least one type");
        }
        for (String name : names) {
            if (!TYPE_NAMES.contains(name)) {
                throw bad(at, "unknown type '" + name + "'");
            }
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    private static Format compileFormat(Object v, String at) {
        if (!(v instanceof String s)) {
            throw bad(at, "must be a string");
        }
        return switch (s) {
            case "uuid" -> Format.UUID;
            case "date-time" -> Format.DATE_TIME;
            case "date" -> Format.DATE;
            case "email" -> Format.EMAIL;
            default -> throw bad(at, "unsupported format '" + s + "'");
        };
    }

    private static List<String> stringList(Object v, String at) {
        if (!(v instanceof List<?> list)) {
            throw bad(at, "must be an array of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw bad(at, "must be an array of strings");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private static BigDecimal number(Object v, String at) {
        BigDecimal d = toDecimal(v);
        if (d == null) {
            throw bad(at, "must be a number");
        }
        return d;
    }

    private static int count(Object v, String at) {
        if (!(v instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
            throw bad(at, "must be a non-negative integer");
        }
        return l.intValue();
    }

    private static IllegalArgumentException bad(String at, String message) {
        return new IllegalArgumentException("invalid schema at " + (at.isEmpty() ? "/" : at) + ": " + message);
    }

    // ---------------------------------------------------------------- validation

    private static final class Node {
        boolean alwaysFalse;
        Set<String> types;
        List<String> required;
        Map<String, Node> properties;
        Node additionalProperties;
        Node items;
        List<Object> enumValues;
        boolean hasConst;
        Object constValue;
        Pattern pattern;
        BigDecimal minimum;
        BigDecimal maximum;
        BigDecimal exclusiveMinimum;
        BigDecimal exclusiveMaximum;
        Integer minLength;
        Integer maxLength;
        Integer minItems;
        Integer maxItems;
        Format format;

        void validate(Object value, String at, List<Violation> out) {
            if (alwaysFalse) {
                out.add(new Violation(at, "is not allowed here"));
                return;
            }
            if (types != null && !matchesType(value)) {
                String expected = types.size() == 1 ? article(types.iterator().next())
                        : "one of " + String.join(", ", types);
                out.add(new Violation(at, "must be " + expected + ", found " + describeType(value)));
                return;
            }
            if (enumValues != null && enumValues.stream().noneMatch(allowed -> jsonEquals(allowed, value))) {
                out.add(new Violation(at, "must be one of " + listValues(enumValues)));
            }
            if (hasConst && !jsonEquals(constValue, value)) {
                out.add(new Violation(at, "must be " + Json.write(constValue)));
            }
            if (value instanceof String s) {
                validateString(s, at, out);
            } else if (value instanceof Map<?, ?> map) {
                validateObject(map, at, out);
            } else if (value instanceof List<?> list) {
                validateArray(list, at, out);
            } else if (value instanceof Number) {
                validateNumber(toDecimal(value), at, out);
            }
        }

        private boolean matchesType(Object value) {
            for (String type : types) {
                boolean match = switch (type) {
                    case "null" -> value == Json.NULL || value == null;
                    case "boolean" -> value instanceof Boolean;
                    case "object" -> value instanceof Map;
                    case "array" -> value instanceof List;
                    case "string" -> value instanceof String;
                    case "number" -> value instanceof Number;
                    case "integer" -> isInteger(value);
                    default -> false;
                };
                if (match) {
                    return true;
                }
            }
            return false;
        }

        private void validateString(String s, String at, List<Violation> out) {
            if (minLength != null || maxLength != null) {
                int length = s.codePointCount(0, s.length());
                if (minLength != null && length < minLength) {
                    out.add(new Violation(at, "must be at least " + minLength + " characters long, found " + length));
                }
                if (maxLength != null && length > maxLength) {
                    out.add(new Violation(at, "must be at most " + maxLength + " characters long, found " + length));
                }
            }
            // the offending text is not repeated in messages: it may be personal data, and rejections are stored
            if (pattern != null && !pattern.matcher(s).find()) {
                out.add(new Violation(at, "does not match the pattern " + pattern.pattern()));
            }
            if (format != null) {
                switch (format) {
                    case UUID -> {
                        if (!isUuid(s)) {
                            out.add(new Violation(at, "must be a UUID (8-4-4-4-12 hexadecimal digits)"));
                        }
                    }
                    case DATE_TIME -> {
                        if (Rfc3339.parseDateTime(s).isEmpty()) {
                            out.add(new Violation(at,
                                    "must be an RFC 3339 date-time with a time zone offset, such as 2026-03-15T10:00:00Z"));
                        }
                    }
                    case DATE -> {
                        if (!Rfc3339.isFullDate(s)) {
                            out.add(new Violation(at, "must be a calendar date YYYY-MM-DD"));
                        }
                    }
                    case EMAIL -> {
                        if (!EMAIL.matcher(s).matches()) {
                            out.add(new Violation(at, "must be an email address"));
                        }
                    }
                    default -> throw new IllegalStateException("format " + format);
                }
            }
        }

        private void validateObject(Map<?, ?> map, String at, List<Violation> out) {
            if (required != null) {
                for (String name : required) {
                    if (!map.containsKey(name)) {
                        out.add(new Violation(JsonPointers.child(at, name), "is required but missing"));
                    }
                }
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = (String) e.getKey();
                String here = JsonPointers.child(at, name);
                Node declared = properties == null ? null : properties.get(name);
                if (declared != null) {
                    declared.validate(e.getValue(), here, out);
                } else if (additionalProperties != null) {
                    if (additionalProperties.alwaysFalse) {
                        out.add(new Violation(here, "is not an allowed property here"));
                    } else {
                        additionalProperties.validate(e.getValue(), here, out);
                    }
                }
            }
        }

        private void validateArray(List<?> list, String at, List<Violation> out) {
            if (minItems != null && list.size() < minItems) {
                out.add(new Violation(at, "must have at least " + minItems + " items, found " + list.size()));
            }
            if (maxItems != null && list.size() > maxItems) {
                out.add(new Violation(at, "must have at most " + maxItems + " items, found " + list.size()));
            }
            if (items != null) {
                for (int i = 0; i < list.size(); i++) {
                    items.validate(list.get(i), JsonPointers.child(at, i), out);
                }
            }
        }

        private void validateNumber(BigDecimal d, String at, List<Violation> out) {
            if (minimum != null && d.compareTo(minimum) < 0) {
                out.add(new Violation(at, "must be at least " + minimum.toPlainString() + ", found " + d.toPlainString()));
            }
            if (maximum != null && d.compareTo(maximum) > 0) {
                out.add(new Violation(at, "must be at most " + maximum.toPlainString() + ", found " + d.toPlainString()));
            }
            if (exclusiveMinimum != null && d.compareTo(exclusiveMinimum) <= 0) {
                out.add(new Violation(at, "must be greater than " + exclusiveMinimum.toPlainString()
                        + ", found " + d.toPlainString()));
            }
            if (exclusiveMaximum != null && d.compareTo(exclusiveMaximum) >= 0) {
                out.add(new Violation(at, "must be less than " + exclusiveMaximum.toPlainString()
                        + ", found " + d.toPlainString()));
            }
        }
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "object", "array" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    private static String describeType(Object value) {
        String name = Json.typeName(value);
        return article(name);
    }

    private static String listValues(List<Object> values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            Json.write(v, sb);
        }
        return sb.toString();
    }

    static boolean isInteger(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return true;
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
        }
        return false;
    }

    static BigDecimal toDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return null;
    }

    /** JSON equality: numbers by value (1 equals 1.0), objects regardless of key order. */
    static boolean jsonEquals(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return toDecimal(a).compareTo(toDecimal(b)) == 0;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !jsonEquals(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!jsonEquals(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == b || (a != null && a.equals(b));
    }

    /** Whether the text is a UUID in its canonical 8-4-4-4-12 hexadecimal form (either case). */
    public static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }
}
