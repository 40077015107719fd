package com.platform.analytics.domain.report;

import java.io.OutputStream;
import java.util.Optional;

/** The file formats a report is written in. */
public enum OutputFormat {
    /** RFC 4180, UTF-8, a header row. */
    CSV("csv", "csv", "text/csv; charset=utf-8"),
    /** JSON lines: one object per row, keyed by column name. */
    JSON("json", "jsonl", "application/x-ndjson");

    private final String wireName;
    private final String extension;
    private final String contentType;

    OutputFormat(String wireName, String extension, String contentType) {
        this.wireName = wireName;
        this.extension = extension;
        this.contentType = contentType;
    }

    public String wireName() {
        return wireName;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<OutputFormat> fromWire(String name) {
        for (OutputFormat f : values()) {
            if (f.wireName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** A writer of rows in this format onto {@code out}. */
    public ReportRowWriter writer(OutputStream out) {
        return this == CSV ? new CsvRowWriter(out) : new JsonLinesRowWriter(out);
    }
}
