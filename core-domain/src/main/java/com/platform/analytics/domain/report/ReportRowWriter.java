package com.platform.analytics.domain.report;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Writes a report's rows in a file format, as they come: it keeps no row after writing it (only the output
 * stream's buffer), so a report of any length is written in bounded memory. A null value is SQL NULL.
 */
public interface ReportRowWriter extends Closeable {
    void header(List<ReportColumn> columns) throws IOException;

    void row(List<String> values) throws IOException;

    /** Flushes what is buffered; the underlying stream stays open (its owner closes it). */
    @Override
    void close() throws IOException;
}
