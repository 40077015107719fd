package com.platform.analytics.domain.segment;

import java.util.EnumSet;
import java.util.Set;

/** The type of a user attribute, which fixes the JSON values and operators a condition on it may use. */
public enum FieldType {
    /** Text compared exactly (or by substring with {@code contains}). */
    STRING(EnumSet.of(SegmentOperator.EQ, SegmentOperator.NE, SegmentOperator.IN, SegmentOperator.NOT_IN,
            SegmentOperator.CONTAINS), "a string"),
    /** Whole numbers (counts, seconds, days). */
    INTEGER(SegmentOperator.COMPARISONS, "an integer"),
    /** Money in RUB, exact to the kopeck. */
    DECIMAL(SegmentOperator.COMPARISONS, "a number"),
    /** An instant, written as RFC 3339 text ({@code 2026-03-01T00:00:00Z}). */
    TIMESTAMP(EnumSet.of(SegmentOperator.EQ, SegmentOperator.NE, SegmentOperator.LT, SegmentOperator.LE,
            SegmentOperator.GT, SegmentOperator.GE), "an RFC 3339 timestamp string"),
    BOOLEAN(EnumSet.of(SegmentOperator.EQ, SegmentOperator.NE), "true or false");

    private final Set<SegmentOperator> operators;
    private final String valueDescription;

    FieldType(Set<SegmentOperator> operators, String valueDescription) {
        this.operators = Set.copyOf(operators);
        this.valueDescription = valueDescription;
    }

    public Set<SegmentOperator> operators() {
        return operators;
    }

    /** What a value of this type looks like in JSON, for error messages. */
    public String valueDescription() {
        return valueDescription;
    }
}
