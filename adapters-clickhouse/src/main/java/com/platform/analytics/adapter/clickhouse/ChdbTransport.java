package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

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

    @Override
    public String query(String sql, String format) {
        return run(sql.getBytes(StandardCharsets.UTF_8), format, sql);
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
        byte[] fmt = format.getBytes(StandardCharsets.US_ASCII);
        ChdbLibrary lib = engine.library();
        return engine.withConnection(connection -> {
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
        });
    }

    private static String abbreviate(String sql) {
        String s = sql.strip();
        return s.length() <= SQL_IN_ERRORS ? s : s.substring(0, SQL_IN_ERRORS) + "...";
    }
}
