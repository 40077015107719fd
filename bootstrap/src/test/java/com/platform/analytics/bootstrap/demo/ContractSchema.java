package com.platform.analytics.bootstrap.demo;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The subset of JSON Schema 2020-12 the platform contract uses (type, required, enum, pattern, minimum,
 * maximum, formats uuid/date-time/date/email, nested properties and items, additionalProperties false),
 * read from the contract's own schema files so the test checks the generator against the real contract.
 * The production validator is written elsewhere; this one only serves the generator's test.
 */
final class ContractSchema {
    static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    static final Pattern DATE_TIME = Pattern.compile(
            "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Map<String, Object> schema;

    private ContractSchema(Map<String, Object> schema) {
        this.schema = requireNonNull(schema, "schema is null");
    }

    static ContractSchema read(Path file) {
        try {
            return new ContractSchema(Json.parseObject(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code data}, one message per violation naming the field; empty when valid. */
    List<String> violations(Object data) {
        List<String> violations = new ArrayList<>();
        check(schema, data, "data", violations);
        return violations;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> schema, Object value, String path, List<String> violations) {
        Object type = schema.get("type");
        if (type != null && !hasType(value, (String) type)) {
            violations.add(path + ": expected " + type + ", found " + Json.typeName(value));
            return;
        }
        Object allowed = schema.get("enum");
        if (allowed != null && !((List<Object>) allowed).contains(value)) {
            violations.add(path + ": " + value + " is not one of " + allowed);
        }
        if (value instanceof String text) {
            Object pattern = schema.get("pattern");
            if (pattern != null && !Pattern.compile((String) pattern).matcher(text).find()) {
                violations.add(path + ": '" + text + "' does not match " + pattern);
            }
            Object format = schema.get("format");
            if (format != null && !matchesFormat((String) format, text)) {
                violations.add(path + ": '" + text + "' is not a " + format);
            }
        }
        if (value instanceof Number number) {
            Object minimum = schema.get("minimum");
            if (minimum != null && number.doubleValue() < ((Number) minimum).doubleValue()) {
                violations.add(path + ": " + number + " is below " + minimum);
            }
            Object maximum = schema.get("maximum");
            if (maximum != null && number.doubleValue() > ((Number) maximum).doubleValue()) {
                violations.add(path + ": " + number + " is above " + maximum);
            }
        }
        if (value instanceof Map<?, ?> object) {
            for (Object name : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!object.containsKey(name)) {
                    violations.add(path + "." + name + ": required field is missing");
                }
            }
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (Map.Entry<?, ?> field : object.entrySet()) {
                Object propertySchema = properties.get(field.getKey());
                if (propertySchema != null) {
                    check((Map<String, Object>) propertySchema, field.getValue(), path + "." + field.getKey(), violations);
                } else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                    violations.add(path + "." + field.getKey() + ": not allowed");
                }
            }
        }
        if (value instanceof List<?> array && schema.get("items") != null) {
            for (int i = 0; i < array.size(); i++) {
                check((Map<String, Object>) schema.get("items"), array.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Long || value instanceof BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> throw new IllegalStateException("schema type not supported by this check: " + type);
        };
    }

    private static boolean matchesFormat(String format, String text) {
        return switch (format) {
            case "uuid" -> UUID.matcher(text).matches();
            case "date-time" -> DATE_TIME.matcher(text).matches();
            case "date" -> DATE.matcher(text).matches();
            case "email" -> EMAIL.matcher(text).matches();
            default -> throw new IllegalStateException("format not supported by this check: " + format);
        };
    }
}
