package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.port.out.ReportQueryEngine;
import java.time.Duration;

/**
 * How reports are generated.
 *
 * @param workers threads generating reports at once
 * @param queueCapacity requests waiting for a worker; a request beyond it is refused ({@code SERVICE_BUSY})
 * @param limits the row and time limits of the warehouse query and its chunk size
 * @param retention how long a report's file is kept ({@code expires_at} = request time + retention)
 */
public record ReportSettings(int workers, int queueCapacity, ReportQueryEngine.Limits limits, Duration retention) {
    public static final ReportSettings DEFAULTS = new ReportSettings(2, 32,
            new ReportQueryEngine.Limits(10_000_000, Duration.ofMinutes(10), 100_000), Duration.ofDays(7));

    public ReportSettings {
        requireNonNull(limits, "limits is null");
        requireNonNull(retention, "retention is null");
        if (workers < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("workers and queueCapacity must be positive");
        }
    }
}
