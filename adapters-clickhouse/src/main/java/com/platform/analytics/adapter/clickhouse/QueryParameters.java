package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * ClickHouse query parameters: a {@code {name:Type}} placeholder in the SQL takes its value from the parameter
 * {@code name}, which the engine parses as {@code Type} when it substitutes it, as a value, never as SQL. Whatever
 * carries them (a session's {@code SET param_<name>}, the HTTP interface's {@code param_<name>} URL parameter), the
 * engine reads a parameter's text in the escaped (TabSeparated) form: a backslash, tab or newline of the value must
 * arrive escaped.
 */
final class QueryParameters {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private QueryParameters() {
    }

    /** The value as the engine reads a parameter's text. */
    static String escaped(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        TabSeparatedRows.appendField(requireNonNull(value, "a parameter's value is null"), escaped);
        return escaped.toString();
    }

    /** {@code parameters}, their names checked (lower-case letters, digits, underscores). */
    static Map<String, String> checked(Map<String, String> parameters) {
        for (Map.Entry<String, String> p : requireNonNull(parameters, "parameters is null").entrySet()) {
            if (!NAME.matcher(p.getKey()).matches()) {
                throw new IllegalArgumentException("not a parameter name: " + p.getKey());
            }
            requireNonNull(p.getValue(), "the value of parameter " + p.getKey() + " is null");
        }
        return parameters;
    }

    /** One {@code SET} statement giving the session every parameter (empty: nothing to set). */
    static String set(Map<String, String> parameters) {
        StringBuilder set = new StringBuilder("SET ");
        for (Map.Entry<String, String> p : checked(parameters).entrySet()) {
            set.append(set.length() == 4 ? "" : ", ").append("param_").append(p.getKey()).append(" = ");
            SqlLiterals.appendString(escaped(p.getValue()), set);
        }
        return set.toString();
    }
}
