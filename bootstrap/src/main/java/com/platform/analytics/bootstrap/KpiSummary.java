package com.platform.analytics.bootstrap;

import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRow;
import com.platform.analytics.domain.analysis.retention.RetentionMode;
import com.platform.analytics.domain.analysis.retention.RetentionPeriod;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.in.CohortRetentionUseCase;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The demo's KPI table, read through the same use cases the REST API serves. */
final class KpiSummary {
    private final MetricQueriesUseCase metrics;
    private final CohortRetentionUseCase retention;

    KpiSummary(MetricQueriesUseCase metrics, CohortRetentionUseCase retention) {
        this.metrics = metrics;
        this.retention = retention;
    }

    void print(LocalDate from, LocalDate to, PrintStream out) {
        String f = from.toString();
        String t = to.toString();
        String last = to.toString();
        List<MetricSeries.Point> dauDaily = points("dau", f, t, "day");
        BigDecimal dauMean = dauDaily.stream().map(MetricSeries.Point::value).reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(dauDaily.size()), 1, RoundingMode.HALF_UP);
        // registration cohorts by UTC day, exact day-N retention, any activity as the return (KPI_DEFINITIONS)
        List<CohortRow> cohorts = retention.retention(DataScope.ALL_GAMES, new CohortRetentionQuery(new AnalysisRange(from, to, ZoneId.of("UTC")),
                RetentionPeriod.DAY, 30, RetentionMode.EXACT, EventTypes.USER_REGISTERED, null)).cohorts();

        out.printf("%nKPI summary, %s .. %s (UTC days)%n", f, t);
        out.println("-".repeat(52));
        row(out, "DAU on " + last, one("dau", last, last, "day"));
        row(out, "DAU, mean of days", String.format("%,.1f", dauMean));
        row(out, "WAU on " + last, one("wau", last, last, "day"));
        row(out, "MAU on " + last, one("mau", last, last, "day"));
        row(out, "Stickiness (DAU/MAU) on " + last, one("stickiness", last, last, "day"));
        row(out, "Active users in period", one("dau", f, t, "total"));
        row(out, "New users", one("new_users", f, t, "total"));
        row(out, "Paying users", one("paying_users", f, t, "total"));
        row(out, "Gross revenue, RUB", one("gross_revenue", f, t, "total"));
        row(out, "Refunds, RUB", one("refunds", f, t, "total"));
        row(out, "Net revenue, RUB", one("net_revenue", f, t, "total"));
        row(out, "ARPU, RUB", one("arpu", f, t, "total"));
        row(out, "ARPPU, RUB", one("arppu", f, t, "total"));
        row(out, "Paying conversion", one("paying_conversion", f, t, "total"));
        row(out, "Sessions", one("sessions", f, t, "total"));
        row(out, "Avg session, s", one("avg_session_seconds", f, t, "total"));
        for (int n : new int[] {1, 7, 30}) {
            Double r = CohortRow.pooledRate(cohorts, n);
            row(out, "D" + n + " retention (all cohorts)", r == null ? "n/a" : String.format("%.2f%%", r * 100));
        }
        out.println("-".repeat(52));
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf("%-34s %17s%n", label, value);
    }

    private List<MetricSeries.Point> points(String metric, String from, String to, String granularity) {
        List<MetricSeries> series = metrics.values(MetricValuesQuery.parse(metric, from, to, granularity, "UTC", null, List.of()), DataScope.ALL_GAMES)
                .series();
        return series.get(0).points();
    }

    private String one(String metric, String from, String to, String granularity) {
        BigDecimal v = points(metric, from, to, granularity).get(0).value();
        return v == null ? "n/a" : String.format("%,." + Math.max(0, v.scale()) + "f", v);
    }
}
