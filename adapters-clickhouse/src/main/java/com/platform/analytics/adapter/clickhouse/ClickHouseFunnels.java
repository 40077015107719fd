package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.funnel.FunnelCount;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.port.out.FunnelEngine;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Funnels in ClickHouse, one query each ({@link FunnelSql}); the result carries that query. */
public final class ClickHouseFunnels implements FunnelEngine {
    private final ClickHouseTransport transport;
    private final String database;

    @Inject
    public ClickHouseFunnels(ClickHouseTransport transport, ClickHouseConfig config) {
        this(transport, config.database());
    }

    public ClickHouseFunnels(ClickHouseTransport transport, String database) {
        this.transport = requireNonNull(transport, "transport is null");
        this.database = requireNonNull(database, "database is null");
        SqlLiterals.identifier(database);
    }

    @Override
    public FunnelResult funnel(DataScope scope, FunnelQuery query) {
        String sql = FunnelSql.of(database, scope, query, FunnelSql.UserKey.HASHED);
        String rows;
        try {
            rows = transport.query(sql, "TabSeparated");
        } catch (AnalyticsException e) {
            if (!FunnelSql.isCollision(e)) {
                throw e;
            }
            // two users share the grouping hash (about once in 10^8 funnels over a million users): group exactly
            sql = FunnelSql.of(database, scope, query, FunnelSql.UserKey.EXACT);
            rows = transport.query(sql, "TabSeparated");
        }
        List<FunnelCount> counts = new ArrayList<>();
        for (List<String> row : TabSeparatedRows.parse(rows)) {
            boolean total = "1".equals(row.get(0));
            counts.add(new FunnelCount(total ? null : row.get(1), Integer.parseInt(row.get(2)), Long.parseLong(row.get(3)),
                    number(row.get(4)), number(row.get(5))));
        }
        return FunnelResult.of(query, counts, sql);
    }

    private static Double number(String text) {
        return text.equals("nan") ? null : Double.valueOf(text);
    }
}
