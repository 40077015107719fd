package com.platform.analytics.domain.segment;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The operator of a condition, by its JSON spelling. */
public enum SegmentOperator {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    /** The value is a non-empty JSON array; the attribute equals one of its items. */
    IN("in"),
    /** The value is a non-empty JSON array; the attribute equals none of its items. */
    NOT_IN("not_in"),
    /** The attribute contains the value as a substring (case-sensitive). */
    CONTAINS("contains");

    static final Set<SegmentOperator> COMPARISONS = EnumSet.of(EQ, NE, LT, LE, GT, GE, IN, NOT_IN);

    private final String symbol;

    SegmentOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean takesList() {
        return this == IN || this == NOT_IN;
    }

    public static Optional<SegmentOperator> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
    }
}
