package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** {@link ParameterizedQueries} on chDB: {@link ChdbTransport#query(String, String, Map)}, which binds them. */
public final class ChdbParameterizedQueries implements ParameterizedQueries {
    private final ChdbTransport transport;

    public ChdbParameterizedQueries(ChdbEngine engine) {
        this.transport = new ChdbTransport(requireNonNull(engine, "engine is null"));
    }

    @Override
    public String query(String sql, String format, Map<String, String> parameters) {
        return transport.query(sql, format, parameters);
    }
}
