package com.platform.analytics.adapter.clickhouse;

import java.util.Map;

/**
 * Runs a query with ClickHouse query parameters ({@code {name:Type}} in the SQL) bound to values: the engine
 * parses each value as its placeholder's type, so a value is never part of the statement's text.
 */
public interface ParameterizedQueries {
    /**
     * @param parameters name → text of the value
     * @return the whole output in {@code format}, UTF-8 decoded
     */
    String query(String sql, String format, Map<String, String> parameters);
}
