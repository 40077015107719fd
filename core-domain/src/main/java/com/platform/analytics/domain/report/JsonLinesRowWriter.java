package com.platform.analytics.domain.report;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSON lines in UTF-8: one object per row, keyed by column name in column order, LF after each. Numbers of numeric
 * columns are written as JSON numbers (those JSON cannot hold, {@code nan} or {@code inf}, as strings); NULL is null.
 */
public final class JsonLinesRowWriter implements ReportRowWriter {
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private final Writer out;
    private List<ReportColumn> columns;
    private final StringBuilder line = new StringBuilder(256);

    public JsonLinesRowWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(requireNonNull(out, "out is null"), StandardCharsets.UTF_8), 64 * 1024);
    }

    @Override
    public void header(List<ReportColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    @Override
    public void row(List<String> values) throws IOException {
        if (columns == null || values.size() != columns.size()) {
            throw new IllegalArgumentException("a row of " + values.size() + " fields does not match the header");
        }
        line.setLength(0);
        line.append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Json.writeString(columns.get(i).name(), line);
            line.append(':');
            String v = values.get(i);
            if (v == null) {
                line.append("null");
            } else if (columns.get(i).numeric() && JSON_NUMBER.matcher(v).matches()) {
                line.append(v);
            } else {
                Json.writeString(v, line);
            }
        }
        line.append("}\n");
        out.append(line);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
