package com.platform.analytics.domain.report;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parameter a report definition declares (the {@code parameters} column): referenced in a SQL template as the
 * ClickHouse query parameter {@code {name:Type}}.
 *
 * @param defaultValue the canonical text used when the request has none; null when none (then it is required)
 */
public record ReportParameter(String name, ParameterType type, boolean required, String defaultValue, String displayNameRu) {
    /** The parameter a developer-safe definition is scoped by: always the caller's developer id, never the request's. */
    public static final String DEVELOPER_ID = "developer_id";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public ReportParameter {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a parameter name is lower-case letters, digits, underscores: '" + name + "'");
        }
        if (defaultValue != null && type.canonical(defaultValue).isEmpty()) {
            throw new IllegalArgumentException("the default of parameter " + name + " is not a " + type.wireName());
        }
        if (!required && defaultValue == null) {
            // every placeholder must be bound: an optional parameter needs a value to fall back on
            throw new IllegalArgumentException("optional parameter " + name + " needs a default");
        }
    }

    /** Reads the stored form {@code {"name":..,"type":..,"required":..,"default_value":..,"display_name_ru":..}}. */
    public static ReportParameter fromJson(Map<String, Object> json) {
        Object name = json.get("name");
        Object type = json.get("type");
        if (!(name instanceof String n) || !(type instanceof String t)) {
            throw new IllegalArgumentException("a parameter needs a string name and type: " + json);
        }
        ParameterType parsed = ParameterType.fromWire(t)
                .orElseThrow(() -> new IllegalArgumentException("parameter " + n + " has an unknown type " + t));
        Object dflt = json.get("default_value");
        return new ReportParameter(n, parsed, Boolean.TRUE.equals(json.get("required")),
                dflt == null ? null : parsed.canonical(dflt).orElse(String.valueOf(dflt)),
                json.get("display_name_ru") instanceof String s ? s : null);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", type.wireName());
        json.put("required", required);
        if (defaultValue != null) {
            json.put("default_value", defaultValue);
        }
        if (displayNameRu != null) {
            json.put("display_name_ru", displayNameRu);
        }
        return json;
    }
}
