package com.platform.analytics.domain.report;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An admin's SQL template, checked to be one {@code SELECT} (or {@code WITH ... SELECT}) statement: read by a small
 * tokenizer that knows ClickHouse's string literals ({@code '...'} with backslash escapes and doubled quotes), quoted
 * names ({@code "..."}, {@code `...`}) and comments ({@code --}, nested {@code /* *}{@code /}), so a keyword or
 * a {@code ;} inside a literal is text and one outside is seen. This is the first of two guards: the engine also
 * runs the statement with {@code readonly = 1}, which refuses any write the check might miss.
 * <p>
 * Refused: anything after the first statement ({@code ;} anywhere outside a literal, also at the end), a first
 * keyword other than SELECT/WITH, clauses that change how the statement runs or where its output goes
 * ({@code SETTINGS}, {@code FORMAT}, {@code INTO OUTFILE}), {@code #} comments (ClickHouse reads some and not
 * others), unterminated literals or comments, and placeholders that are not {@code {name:Type}}.
 *
 * @param placeholders the query parameters the template references, name → the ClickHouse type it names
 */
public record SqlTemplate(String sql, Map<String, String> placeholders) {
    private static final Set<String> FORBIDDEN_WORDS = Set.of("SETTINGS", "FORMAT", "INTO", "OUTFILE");

    public SqlTemplate {
        requireNonNull(sql, "sql is null");
        placeholders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
    }

    /**
     * The template, checked.
     *
     * @throws IllegalArgumentException naming what is refused and where
     */
    public static SqlTemplate parse(String sql) {
        requireNonNull(sql, "sql is null");
        Map<String, String> placeholders = new LinkedHashMap<>();
        String firstWord = null;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == ';') {
                throw refused(i, "a second statement (';')");
            } else if (c == '#') {
                throw refused(i, "a '#' comment");
            } else if (c == '{') {
                i = placeholder(sql, i, placeholders);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
                if (firstWord == null) {
                    firstWord = word;
                    if (!word.equals("SELECT") && !word.equals("WITH")) {
                        throw refused(start, "a statement other than SELECT or WITH ... SELECT (" + word + ")");
                    }
                } else if (FORBIDDEN_WORDS.contains(word) && !calledAsFunction(sql, i)) {
                    throw refused(start, "the clause " + word);
                }
            } else {
                i++;
            }
        }
        if (firstWord == null) {
            throw new IllegalArgumentException("the SQL template holds no statement");
        }
        return new SqlTemplate(sql, placeholders);
    }

    private static boolean calledAsFunction(String sql, int afterWord) {
        int j = afterWord;
        while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '(';
    }

    /** Past the closing quote; a backslash escapes the next character and a doubled quote is one quote. */
    private static int skipQuoted(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw refused(open, "an unterminated literal or quoted name");
    }

    /** Past the end of a block comment; ClickHouse nests them, so this counts. */
    private static int skipBlockComment(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i + 1 < sql.length()) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw refused(open, "an unterminated comment");
    }

    /** Reads {@code {name:Type}}; the type may hold parentheses and quoted text ({@code DateTime64(3, 'UTC')}). */
    private static int placeholder(String sql, int open, Map<String, String> placeholders) {
        int close = -1;
        for (int j = open + 1; j < sql.length(); j++) {
            char c = sql.charAt(j);
            if (c == '\'') {
                j = skipQuoted(sql, j, c) - 1;
            } else if (c == '}') {
                close = j;
                break;
            } else if (c == '{' || c == ';') {
                break;
            }
        }
        if (close < 0) {
            throw refused(open, "a '{' that does not start a {name:Type} parameter");
        }
        String body = sql.substring(open + 1, close);
        int colon = body.indexOf(':');
        String name = colon < 0 ? "" : body.substring(0, colon).strip();
        String type = colon < 0 ? "" : body.substring(colon + 1).strip();
        if (!name.matches("[a-z_][a-z0-9_]*") || type.isEmpty()) {
            throw refused(open, "a parameter that is not {name:Type} ({" + body + "})");
        }
        String earlier = placeholders.putIfAbsent(name, type);
        if (earlier != null && !earlier.equals(type)) {
            throw refused(open, "parameter " + name + " used with two types (" + earlier + ", " + type + ")");
        }
        return close + 1;
    }

    private static IllegalArgumentException refused(int offset, String what) {
        return new IllegalArgumentException("the SQL template is refused at character " + offset + ": " + what);
    }
}
