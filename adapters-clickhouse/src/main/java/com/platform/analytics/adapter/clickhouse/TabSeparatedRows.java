package com.platform.analytics.adapter.clickhouse;

import java.util.ArrayList;
import java.util.List;

/** Reads ClickHouse's {@code TabSeparated} output: one row per line, fields split by tabs, backslash escapes. */
final class TabSeparatedRows {
    private TabSeparatedRows() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c == '\\' && i + 1 < n) {
                char e = text.charAt(++i);
                field.append(switch (e) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'a' -> '\u0007';
                    case 'v' -> '\u000b';
                    default -> e;
                });
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** Writes a field in {@code TabSeparated} escaping, the inverse of {@link #parse}. */
    static void appendField(String value, StringBuilder out) {
        int n = value.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            String escape = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\0' -> "\\0";
                default -> null;
            };
            if (escape != null) {
                out.append(value, run, i).append(escape);
                run = i + 1;
            }
        }
        out.append(value, run, n);
    }
}
