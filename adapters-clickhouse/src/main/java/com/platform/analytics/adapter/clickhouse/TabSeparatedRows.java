package com.platform.analytics.adapter.clickhouse;

import java.util.ArrayList;
import java.util.List;

/** Reads ClickHouse's {@code TabSeparated} output: one row per line, fields split by tabs, backslash escapes. */
final class TabSeparatedRows {
    private TabSeparatedRows() {
    }

    static List<List<String>> parse(String text) {
        return parse(text, false);
    }

    /**
     * As {@link #parse(String)}; with {@code nulls}, a field that is exactly {@code \N} is NULL (null) instead of the
     * text "N" (for Nullable columns, as reports have).
     */
    static List<List<String>> parse(String text, boolean nulls) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean isNull = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n') {
                row.add(isNull ? null : field.toString());
                field.setLength(0);
                isNull = false;
                if (c == '\n') {
                    rows.add(row);
                    row = new ArrayList<>();
                }
            } else if (c == '\\' && i + 1 < n) {
                char e = text.charAt(++i);
                isNull = nulls && e == 'N' && field.length() == 0
                        && (i + 1 == n || text.charAt(i + 1) == '\t' || text.charAt(i + 1) == '\n');
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
            row.add(isNull ? null : field.toString());
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
