package com.platform.analytics.port.out;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.report.ReportColumn;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a report's SQL template on the warehouse, read-only, its parameters bound, its rows handed over in chunks. */
public interface ReportQueryEngine {
    /**
     * Runs the template and gives {@code sink} the columns once, then the rows chunk by chunk (never more than
     * {@code limits.chunkRows} at a time, so the caller holds at most one chunk).
     *
     * @param parameters name → canonical text of every parameter the template references
     * @throws com.platform.analytics.domain.error.AnalyticsException the warehouse refused or failed (limits
     *     exceeded, a write refused by read-only mode, an engine down), with a detail that says which
     */
    void run(String sqlTemplate, Map<String, String> parameters, Limits limits, RowSink sink);

    /**
     * @param maxRows a report with more rows fails (the warehouse's {@code max_result_rows})
     * @param maxExecution the time one warehouse query may take ({@code max_execution_time})
     * @param chunkRows rows per chunk
     */
    record Limits(long maxRows, Duration maxExecution, int chunkRows) {
        public Limits {
            requireNonNull(maxExecution, "maxExecution is null");
            if (maxRows < 1 || chunkRows < 1 || maxExecution.isNegative() || maxExecution.isZero()) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    /** Where the rows go. A value is the warehouse's text of it; null is NULL. */
    interface RowSink {
        void columns(List<ReportColumn> columns) throws IOException;

        void chunk(List<List<String>> rows) throws IOException;
    }
}
