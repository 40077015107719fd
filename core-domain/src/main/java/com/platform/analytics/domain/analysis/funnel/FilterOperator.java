package com.platform.analytics.domain.analysis.funnel;

import java.util.Locale;

/** How a {@link PropertyFilter} compares an event's property with the request's value(s). */
public enum FilterOperator {
    EQ, NEQ, IN, NOT_IN, GT, GTE, LT, LTE, CONTAINS;

    /** The operator's name on the wire ({@code eq}, {@code not_in}...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the operator takes a list of values. */
    public boolean takesList() {
        return this == IN || this == NOT_IN;
    }

    static FilterOperator parse(String wire) {
        for (FilterOperator op : values()) {
            if (op.wireName().equals(wire)) {
                return op;
            }
        }
        return null;
    }
}
