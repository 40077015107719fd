package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.experiment.ExperimentMetric;
import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentTotals;
import com.platform.analytics.domain.analysis.experiment.VariantTotals;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.port.out.ExperimentEngine;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment's per-variant sufficient statistics as one ClickHouse query over {@code events}, the same SQL for
 * chDB and a server (single or cluster: it aggregates by user, which is correct however users are sharded).
 *
 * <p>One pass groups the experiment's exposures and the outcome events (goal events, or payments and refunds) by
 * user: the first exposure's time and variant ({@code argMinIf}), the number of distinct variants seen, and the
 * outcome events' times (and signed RUB amounts) as an array. Users first exposed within the range are kept; those
 * with two or more variants form the excluded row; the others count as converted when one goal time lies in
 * [exposure, exposure + window], or contribute the net of the amounts in that interval. No join, so the cost is
 * one scan of the needed types, which the table's sort key (type first) keeps short.
 */
public final class ClickHouseExperiment implements ExperimentEngine {
    private final ClickHouseTransport transport;
    private final String database;

    @Inject
    public ClickHouseExperiment(ClickHouseTransport transport, ClickHouseConfig config) {
        this(transport, config.database());
    }

    public ClickHouseExperiment(ClickHouseTransport transport, String database) {
        this.transport = requireNonNull(transport, "transport is null");
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    public ExperimentTotals experimentTotals(DataScope scope, ExperimentQuery query) {
        String sql = sql(database, scope, query);
        List<VariantTotals> variants = new ArrayList<>();
        long excluded = 0;
        for (List<String> row : TabSeparatedRows.parse(transport.query(sql, "TabSeparated"))) {
            if (row.size() != 6) {
                throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "experiment totals: expected 6 columns, got " + row);
            }
            long users = Long.parseLong(row.get(2));
            if ("1".equals(row.get(0))) {
                excluded = users;
            } else {
                variants.add(new VariantTotals(row.get(1), users, Long.parseLong(row.get(3)), new BigDecimal(row.get(4)),
                        Double.parseDouble(row.get(5))));
            }
        }
        return new ExperimentTotals(variants, excluded, sql);
    }

    /** The statement; every request value is a quoted literal or a number computed here. */
    static String sql(String database, DataScope scope, ExperimentQuery q) {
        String events = SqlLiterals.identifier(database) + ".events";
        String from = SqlLiterals.instant(q.exposedFrom());
        String until = SqlLiterals.instant(q.exposedUntil());
        // the last instant an outcome can count: the last exposure considered (until - 1 ms) plus the window
        String outcomesUntil = SqlLiterals.instant(q.exposedUntil().plus(q.window()));
        long windowMillis = q.window().toMillis();
        String exposure = "(type = " + SqlLiterals.string(EventTypes.EXPERIMENT_EXPOSED) + " AND experiment_key = "
                + SqlLiterals.string(q.experimentKey()) + ")";
        String outcome;
        String outcomeColumns;
        String perUserOutcome;
        if (q.metric() == ExperimentMetric.CONVERSION) {
            outcome = "type = " + SqlLiterals.string(q.goalEvent());
            outcomeColumns = "groupArrayIf(ts, " + outcome + ") AS outcome_times";
            perUserOutcome = "arrayExists(t -> t >= exposed_at AND t <= addMilliseconds(exposed_at, " + windowMillis
                    + "), outcome_times) AS converted, toDecimal128(0, 2) AS user_revenue";
        } else {
            String paid = SqlLiterals.string(EventTypes.TRANSACTION_COMPLETED);
            String refunded = SqlLiterals.string(EventTypes.REFUND_PROCESSED);
            outcome = "type IN (" + paid + ", " + refunded + ")";
            outcomeColumns = "groupArrayIf((ts, if(type = " + refunded + ", -amount_rub, amount_rub)), " + outcome
                    + ") AS outcome_amounts";
            perUserOutcome = "0 AS converted, toDecimal128(arraySum(p -> if(p.1 >= exposed_at AND p.1 <= addMilliseconds("
                    + "exposed_at, " + windowMillis + "), p.2, toDecimal64(0, 2)), outcome_amounts), 2) AS user_revenue";
        }
        return "SELECT excluded, variant, count() AS users, countIf(converted) AS conversions, sum(user_revenue) AS revenue, "
                + "sum(toFloat64(user_revenue) * toFloat64(user_revenue)) AS revenue_squares FROM ("
                + "SELECT exposed_at, first_variant, variants, " + perUserOutcome + " FROM ("
                + "SELECT user_id, minIf(ts, " + exposure + ") AS exposed_at, argMinIf(variant, ts, " + exposure
                + ") AS first_variant, uniqExactIf(variant, " + exposure + ") AS variants, " + outcomeColumns
                + " FROM " + events
                // a developer's exposures and outcomes both come from their games only
                + " WHERE user_id != ''" + AnalysisScopeSql.and(scope) + " AND ((" + exposure + " AND ts < " + until + ") OR (" + outcome
                + " AND ts >= " + from + " AND ts < " + outcomesUntil + "))"
                + " GROUP BY user_id HAVING variants > 0 AND exposed_at >= " + from + ")) "
                + "GROUP BY variants > 1 AS excluded, if(excluded, '', first_variant) AS variant "
                + "ORDER BY excluded, variant";
    }
}
