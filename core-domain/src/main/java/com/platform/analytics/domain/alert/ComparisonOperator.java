package com.platform.analytics.domain.alert;

/** How a threshold rule compares the observed value with its threshold. */
public enum ComparisonOperator {
    GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double observed, double threshold) {
        return switch (this) {
            case GREATER -> observed > threshold;
            case GREATER_OR_EQUAL -> observed >= threshold;
            case LESS -> observed < threshold;
            case LESS_OR_EQUAL -> observed <= threshold;
        };
    }

    /** Null for a symbol it does not know. */
    public static ComparisonOperator parse(String symbol) {
        for (ComparisonOperator o : values()) {
            if (o.symbol.equals(symbol)) {
                return o;
            }
        }
        return null;
    }
}
