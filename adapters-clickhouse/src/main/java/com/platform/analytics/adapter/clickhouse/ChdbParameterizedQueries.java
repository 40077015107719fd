package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@link ParameterizedQueries} on chDB. chDB's C API takes no parameters with a query, and ClickHouse reads them
 * only from the session ({@code SET param_<name> = '<value>'}, which is how clickhouse-client passes
 * {@code --param_<name>} too), not from a {@code SETTINGS} clause: so the {@code SET}s and the query run one after
 * the other on one borrowed connection. The value in a {@code SET} is a string literal escaped as
 * ClickHouse reads parameters (TabSeparated escaping) and quoted by {@link SqlLiterals}; ClickHouse then parses that string as the placeholder's type when it substitutes it, as a
 * value. A later query on the same connection may see these parameters set; it only does if its SQL references
 * them, and every report binds every parameter it references.
 */
public final class ChdbParameterizedQueries implements ParameterizedQueries {
    private static final int SQL_IN_ERRORS = 300;
    private final ChdbEngine engine;

    public ChdbParameterizedQueries(ChdbEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public String query(String sql, String format, Map<String, String> parameters) {
        requireNonNull(sql, "sql is null");
        requireNonNull(format, "format is null");
        for (String name : parameters.keySet()) {
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a parameter name: " + name);
            }
        }
        return engine.withConnection(connection -> {
            for (Map.Entry<String, String> p : parameters.entrySet()) {
                // ClickHouse reads a parameter's text in the escaped (TabSeparated) form: a backslash or a tab of
                // the value must arrive escaped, then the whole quoted as a string literal
                StringBuilder escaped = new StringBuilder(p.getValue().length() + 8);
                TabSeparatedRows.appendField(p.getValue(), escaped);
                StringBuilder set = new StringBuilder("SET param_").append(p.getKey()).append(" = ");
                SqlLiterals.appendString(escaped.toString(), set);
                run(connection, set.toString(), "TabSeparated");
            }
            return run(connection, sql, format);
        });
    }

    private String run(Pointer connection, String sql, String format) {
        ChdbLibrary lib = engine.library();
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        byte[] fmt = format.getBytes(StandardCharsets.US_ASCII);
        Pointer result = lib.chdb_query_n(connection, bytes, bytes.length, fmt, fmt.length);
        if (result == null) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "chDB returned no result for: " + abbreviate(sql));
        }
        try {
            Pointer error = lib.chdb_result_error(result);
            if (error != null) {
                String message = error.getString(0, "UTF-8").strip();
                throw new AnalyticsException(ClickHouseErrors.errorCode(ClickHouseErrors.codeIn(message)),
                        "ClickHouse failed: " + message + " -- in: " + abbreviate(sql));
            }
            long length = lib.chdb_result_length(result);
            if (length == 0) {
                return "";
            }
            if (length > Integer.MAX_VALUE - 16) {
                throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "ClickHouse answer of " + length + " bytes is too large");
            }
            return new String(lib.chdb_result_buffer(result).getByteArray(0, (int) length), StandardCharsets.UTF_8);
        } finally {
            lib.chdb_destroy_query_result(result);
        }
    }

    private static String abbreviate(String sql) {
        String s = sql.strip();
        return s.length() <= SQL_IN_ERRORS ? s : s.substring(0, SQL_IN_ERRORS) + "...";
    }
}
