package com.platform.analytics.application;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.report.ReportColumn;
import com.platform.analytics.port.out.ReportQueryEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A warehouse that answers every template with rows {@code (n, "row <n>")} for n in 0..rows-1, in chunks of the
 * limits' size; told to, it fails after some chunks or waits for a gate before answering.
 */
final class ScriptedReportEngine implements ReportQueryEngine {
    volatile int rows = 5;
    volatile int failAfterChunks = -1;
    volatile CountDownLatch gate;
    final List<Map<String, String>> parameters = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Integer> chunkSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void run(String sqlTemplate, Map<String, String> params, Limits limits, RowSink sink) {
        parameters.add(params);
        try {
            CountDownLatch g = gate;
            if (g != null && !g.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gate never opened");
            }
            sink.columns(List.of(new ReportColumn("n", "UInt64"), new ReportColumn("label", "String")));
            int chunks = 0;
            for (int start = 0; start < rows; start += limits.chunkRows()) {
                if (chunks == failAfterChunks) {
                    throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "ClickHouse failed: Code: 210. Connection reset");
                }
                List<List<String>> chunk = new ArrayList<>();
                for (int n = start; n < Math.min(rows, start + limits.chunkRows()); n++) {
                    chunk.add(List.of(String.valueOf(n), "row " + n + (n == 1 ? ", with \"quotes\"" : "")));
                }
                chunkSizes.add(chunk.size());
                sink.chunk(chunk);
                chunks++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
