package com.platform.analytics.domain.analysis.funnel;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A condition on a property of an event: {@code field} is a path into the event's {@code data} such as
 * {@code data.platform} or {@code data.item.rarity}. Values are all strings or all numbers: strings compare as
 * text (an absent property reads as the empty string), numbers numerically (an event whose property is absent
 * or not a number never matches, whatever the operator).
 *
 * @param values one value, or one or more for {@code in} / {@code not_in}; each a {@link String} or a {@link BigDecimal}
 */
public record PropertyFilter(String field, FilterOperator op, List<Object> values) {
    /** {@code data.} followed by one to five plain names: the only fields that can reach SQL text. */
    public static final Pattern FIELD = Pattern.compile("data(\\.[A-Za-z_][A-Za-z0-9_]{0,63}){1,5}");

    public PropertyFilter {
        requireNonNull(field, "field is null");
        requireNonNull(op, "op is null");
        values = List.copyOf(values);
        if (!FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("not a property path: " + field);
        }
        if (values.isEmpty() || (!op.takesList() && values.size() != 1)) {
            throw new IllegalArgumentException(op.wireName() + " takes " + (op.takesList() ? "values" : "one value"));
        }
        boolean numeric = values.get(0) instanceof BigDecimal;
        for (Object v : values) {
            if (!(v instanceof String) && !(v instanceof BigDecimal) || (v instanceof BigDecimal) != numeric) {
                throw new IllegalArgumentException("values must be all strings or all numbers");
            }
        }
        if (op == FilterOperator.CONTAINS && numeric) {
            throw new IllegalArgumentException("contains takes a string");
        }
    }

    /** Whether the values are numbers (compared numerically) rather than strings. */
    public boolean numeric() {
        return values.get(0) instanceof BigDecimal;
    }

    /** The path below {@code data}: {@code data.item.rarity} gives [item, rarity]. */
    public List<String> path() {
        return pathOf(field);
    }

    static List<String> pathOf(String field) {
        return List.of(field.substring("data.".length()).split("\\."));
    }
}
