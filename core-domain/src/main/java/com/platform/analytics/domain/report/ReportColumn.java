package com.platform.analytics.domain.report;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A column of a report's result.
 *
 * @param type the warehouse's type name ({@code UInt64}, {@code Nullable(Decimal(18, 2))}, {@code String}...)
 */
public record ReportColumn(String name, String type) {
    private static final Pattern NUMERIC = Pattern.compile("(Nullable\\()?(U?Int\\d+|Float\\d+|Decimal.*)\\)?");

    public ReportColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    /** Whether values are numbers (JSON lines writes them unquoted). */
    public boolean numeric() {
        return NUMERIC.matcher(type).matches();
    }
}
