package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.report.ReportColumn;
import com.platform.analytics.domain.report.SqlTemplate;
import com.platform.analytics.port.out.ReportQueryEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link ReportQueryEngine} on ClickHouse. The template is checked ({@link SqlTemplate#parse}) and then run wrapped,
 * page by page:
 * <pre>
 * SELECT * FROM (
 * &lt;template&gt;
 * ) ORDER BY ALL LIMIT &lt;page&gt; OFFSET &lt;rows so far&gt;
 * SETTINGS readonly = 1, max_result_rows = &lt;page&gt;, result_overflow_mode = 'throw', max_execution_time = &lt;s&gt;
 * </pre>
 * {@code readonly = 1} makes the engine refuse any write or settings change the template check might miss;
 * parameters are bound as ClickHouse query parameters ({@link ParameterizedQueries}), never spliced. A page holds at
 * most {@code chunkRows} rows, and only one page is held at a time, so a report of any length runs in bounded memory;
 * {@code ORDER BY ALL} (every column, left to right) makes the pages a partition of one deterministic order. The
 * price: each page runs the template again (a long report costs pages × one run). More rows than {@code maxRows}
 * fail the report, as does running past {@code maxExecution} in all (each page gets the time that is left).
 */
public final class ClickHouseReportQueries implements ReportQueryEngine {
    private final ParameterizedQueries queries;

    public ClickHouseReportQueries(ParameterizedQueries queries) {
        this.queries = requireNonNull(queries, "queries is null");
    }

    @Override
    public void run(String sqlTemplate, Map<String, String> parameters, Limits limits, RowSink sink) {
        requireNonNull(parameters, "parameters is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(sink, "sink is null");
        SqlTemplate template;
        try {
            template = SqlTemplate.parse(sqlTemplate);
        } catch (IllegalArgumentException e) {
            throw new AnalyticsException(ErrorCode.REPORT_GENERATION_FAILED, e.getMessage(), null, null, e);
        }
        for (String used : template.placeholders().keySet()) {
            if (!parameters.containsKey(used)) {
                throw new AnalyticsException(ErrorCode.REPORT_GENERATION_FAILED, "parameter " + used + " is not bound");
            }
        }
        long deadline = System.nanoTime() + limits.maxExecution().toNanos();
        long written = 0;
        boolean header = false;
        try {
            while (true) {
                long page = Math.min(limits.chunkRows(), limits.maxRows() - written + 1);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AnalyticsException(ErrorCode.REPORT_GENERATION_FAILED, "the report ran longer than "
                            + limits.maxExecution().toSeconds() + " s after " + written + " rows");
                }
                String sql = "SELECT * FROM (\n" + sqlTemplate + "\n) ORDER BY ALL LIMIT " + page + " OFFSET " + written
                        + "\nSETTINGS readonly = 1, max_result_rows = " + page + ", result_overflow_mode = 'throw', "
                        + "max_execution_time = " + Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
                List<List<String>> rows = parse(queries.query(sql, "TabSeparatedWithNamesAndTypes",
                        template.placeholders().isEmpty() ? Map.of() : only(parameters, template)));
                if (rows.size() < 2) {
                    throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "ClickHouse answered without column names and types");
                }
                if (!header) {
                    sink.columns(columns(rows.get(0), rows.get(1)));
                    header = true;
                }
                List<List<String>> data = rows.subList(2, rows.size());
                if (written + data.size() > limits.maxRows()) {
                    throw new AnalyticsException(ErrorCode.REPORT_GENERATION_FAILED, "the report has more than "
                            + limits.maxRows() + " rows, its limit");
                }
                if (!data.isEmpty()) {
                    sink.chunk(data);
                }
                written += data.size();
                if (data.size() < page) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report failed after " + written + " rows", e);
        }
    }

    private static Map<String, String> only(Map<String, String> parameters, SqlTemplate template) {
        Map<String, String> used = new java.util.LinkedHashMap<>();
        template.placeholders().keySet().forEach(name -> used.put(name, parameters.get(name)));
        return used;
    }

    private static List<ReportColumn> columns(List<String> names, List<String> types) {
        List<ReportColumn> columns = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            columns.add(new ReportColumn(names.get(i), types.get(i)));
        }
        return columns;
    }

    /** {@code TabSeparated} with NULLs: a field that is exactly {@code \N} is null. */
    static List<List<String>> parse(String text) {
        return TabSeparatedRows.parse(text, true);
    }
}
