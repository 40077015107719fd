package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs SQL on a {@link ChdbEngine}: one {@code chdb_query_n} per statement, on a pooled connection. ClickHouse
 * errors become {@code INTERNAL_ERROR} (the SQL is this adapter's own) except those of an overloaded or timed-out
 * engine ({@link ClickHouseErrors}), which are {@code STORAGE_UNAVAILABLE}, as is a closed engine.
 */
public final class ChdbTransport implements ClickHouseTransport {
    private static final int SQL_IN_ERRORS = 300;

    private final ChdbEngine engine;

    public ChdbTransport(ChdbEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public void execute(String sql) {
        run(sql.getBytes(StandardCharsets.UTF_8), "TabSeparated", sql);
    }

    /**
     * The session carries the parameters: chDB's C API takes none with a query, and ClickHouse reads them from the
     * session ({@code SET param_<name>}, as clickhouse-client passes {@code --param_<name>}), not from a
     * {@code SETTINGS} clause. So one {@code SET} and the statement run one after the other on one connection. A later
     * statement on that connection may see these parameters; it only does if its SQL names them, and every caller
     * binds every parameter its SQL names.
     */
    @Override
    public void execute(String sql, Map<String, String> parameters) {
        query(sql, "TabSeparated", parameters);
    }

    @Override
    public String query(String sql, String format) {
        return run(sql.getBytes(StandardCharsets.UTF_8), format, sql);
    }

    /** As {@link #query(String, String)}, with query parameters, as {@link #execute(String, Map)} binds them. */
    public String query(String sql, String format, Map<String, String> parameters) {
        requireNonNull(sql, "sql is null");
        requireNonNull(format, "format is null");
        if (QueryParameters.checked(parameters).isEmpty()) {
            return query(sql, format);
        }
        String set = QueryParameters.set(parameters);
        return engine.withConnection(connection -> {
            run(connection, set.getBytes(StandardCharsets.UTF_8), "TabSeparated", "SET param_... (" + parameters.size() + " parameters)");
            return run(connection, sql.getBytes(StandardCharsets.UTF_8), format, sql);
        });
    }

    @Override
    public void insert(String insertSql, String format, byte[] utf8Rows) {
        // the rows follow the FORMAT clause in the statement text itself, as clickhouse-local reads them
        String head = insertSql + " FORMAT " + format + "\n";
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] statement = new byte[headBytes.length + utf8Rows.length];
        System.arraycopy(headBytes, 0, statement, 0, headBytes.length);
        System.arraycopy(utf8Rows, 0, statement, headBytes.length, utf8Rows.length);
        run(statement, "TabSeparated", head);
    }

    private String run(byte[] sql, String format, String sqlForErrors) {
        return engine.withConnection(connection -> run(connection, sql, format, sqlForErrors));
    }

    private String run(Pointer connection, byte[] sql, String format, String sqlForErrors) {
        byte[] fmt = format.getBytes(StandardCharsets.US_ASCII);
        ChdbLibrary lib = engine.library();
        Pointer result = lib.chdb_query_n(connection, sql, sql.length, fmt, fmt.length);
        if (result == null) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "chDB returned no result for: " + abbreviate(sqlForErrors));
        }
        try {
            Pointer error = lib.chdb_result_error(result);
            if (error != null) {
                String message = error.getString(0, "UTF-8").strip();
                throw new AnalyticsException(ClickHouseErrors.errorCode(ClickHouseErrors.codeIn(message)),
                        "ClickHouse failed: " + message + " -- in: " + abbreviate(sqlForErrors));
            }
            long length = lib.chdb_result_length(result);
            if (length == 0) {
                return "";
            }
            if (length > Integer.MAX_VALUE - 16) {
                throw new AnalyticsException(ErrorCode.INTERNAL_ERROR,
                        "ClickHouse answer of " + length + " bytes is too large for: " + abbreviate(sqlForErrors));
            }
            byte[] bytes = lib.chdb_result_buffer(result).getByteArray(0, (int) length);
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            lib.chdb_destroy_query_result(result);
        }
    }

    private static String abbreviate(String sql) {
        String s = sql.strip();
        return s.length() <= SQL_IN_ERRORS ? s : s.substring(0, SQL_IN_ERRORS) + "...";
    }
}
