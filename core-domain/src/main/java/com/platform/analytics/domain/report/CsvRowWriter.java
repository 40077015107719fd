package com.platform.analytics.domain.report;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8: a header row, CRLF line ends, a field quoted when it holds a comma, a double quote, CR or LF
 * (a quote inside doubled). NULL is the empty field (as spreadsheets read it).
 */
public final class CsvRowWriter implements ReportRowWriter {
    private final Writer out;
    private int width = -1;

    public CsvRowWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(requireNonNull(out, "out is null"), StandardCharsets.UTF_8), 64 * 1024);
    }

    @Override
    public void header(List<ReportColumn> columns) throws IOException {
        width = columns.size();
        line(columns.stream().map(ReportColumn::name).toList());
    }

    @Override
    public void row(List<String> values) throws IOException {
        if (values.size() != width) {
            throw new IllegalArgumentException("a row of " + values.size() + " fields under a header of " + width);
        }
        line(values);
    }

    private void line(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            field(fields.get(i), out);
        }
        out.write("\r\n");
    }

    /** Writes one field, quoted when RFC 4180 requires it. */
    static void field(String value, Writer out) throws IOException {
        if (value == null) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
