package com.platform.analytics.domain.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The types a report parameter may be declared with; each turns a JSON value into the canonical text bound to the query. */
public enum ParameterType {
    DATE, STRING, INTEGER, DECIMAL, UUID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ParameterType> fromWire(String name) {
        for (ParameterType t : values()) {
            if (t.wireName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The canonical text of {@code value} (a JSON value: string, number) for this type, as ClickHouse reads it for a
     * query parameter; empty when the value is not of this type.
     */
    public Optional<String> canonical(Object value) {
        try {
            return Optional.ofNullable(switch (this) {
                case STRING -> value instanceof String s ? s : null;
                case DATE -> value instanceof String s ? LocalDate.parse(s).toString() : null;
                case UUID -> value instanceof String s && s.length() == 36 ? java.util.UUID.fromString(s).toString() : null;
                case INTEGER -> integer(value);
                case DECIMAL -> value instanceof Number || value instanceof String
                        ? new BigDecimal(value.toString()).toPlainString() : null;
            });
        } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException e) {
            // NumberFormatException is an IllegalArgumentException
            return Optional.empty();
        }
    }

    private static String integer(Object value) {
        if (!(value instanceof Number) && !(value instanceof String)) {
            return null;
        }
        // a JSON 3.0 is the integer 3; 3.5 is not an integer; beyond Int64 is refused
        return String.valueOf(new BigDecimal(value.toString()).longValueExact());
    }
}
