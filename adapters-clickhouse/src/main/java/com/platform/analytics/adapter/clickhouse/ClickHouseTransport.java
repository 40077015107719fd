package com.platform.analytics.adapter.clickhouse;

/**
 * Carries ClickHouse SQL to an engine and brings the answer back as text. The SQL classes of this adapter
 * depend on this alone, so the same statements run in-process (chDB) or against a ClickHouse server.
 * Failures are {@link com.platform.analytics.domain.error.AnalyticsException}s.
 */
public interface ClickHouseTransport {
    /** Runs a statement whose output does not matter (DDL, INSERT ... SELECT). */
    void execute(String sql);

    /**
     * As {@link #execute(String)}, with query parameters: each {@code {name:Type}} placeholder in {@code sql} takes the
     * value of {@code parameters.get(name)}, parsed by the engine as {@code Type} (see {@link QueryParameters}).
     */
    void execute(String sql, java.util.Map<String, String> parameters);

    /** Runs a query and returns its whole output in {@code format} (e.g. {@code TabSeparated}), UTF-8 decoded. */
    String query(String sql, String format);

    /**
     * Runs {@code insertSql} (an {@code INSERT INTO ... } without a FORMAT clause) with {@code data} in
     * {@code format} as its rows, as one statement.
     */
    default void insert(String insertSql, String format, CharSequence data) {
        insert(insertSql, format, data.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** As {@link #insert(String, String, CharSequence)}, with the rows already UTF-8 encoded. */
    void insert(String insertSql, String format, byte[] utf8Rows);
}
