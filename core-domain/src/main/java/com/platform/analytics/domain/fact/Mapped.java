package com.platform.analytics.domain.fact;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.domain.event.RejectionCode;

/**
 * The outcome of mapping an event to a fact: the row, or why the event cannot become one (a code, a detail
 * and the JSON pointer of the field at fault).
 */
public record Mapped(FactRow row, RejectionCode code, String detail, String pointer) {
    public Mapped {
        if (row == null) {
            requireNonNull(code, "code is null");
            requireNonNull(detail, "detail is null");
        } else if (code != null || detail != null || pointer != null) {
            throw new IllegalArgumentException("a mapped row carries no rejection");
        }
    }

    public static Mapped row(FactRow row) {
        return new Mapped(requireNonNull(row, "row is null"), null, null, null);
    }

    public static Mapped rejected(RejectionCode code, String detail, String pointer) {
        return new Mapped(null, code, detail, pointer);
    }

    public boolean isRow() {
        return row != null;
    }

    /** The rejection of the event at {@code index} of its request. */
    public Rejection rejection(int index) {
        if (row != null) {
            throw new IllegalStateException("the event was mapped, not rejected");
        }
        return new Rejection(index, code, detail, pointer);
    }
}
