package com.platform.analytics.domain.metric;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One value of a measure: its bucket (as {@link Granularity#bucketOf} names it), the values of the query's
 * dimensions in their order (empty string where events do not carry the dimension), and the value.
 */
public record MeasureRow(LocalDate bucket, List<String> dimensionValues, BigDecimal value) {
    public MeasureRow {
        requireNonNull(bucket, "bucket is null");
        dimensionValues = List.copyOf(dimensionValues);
        requireNonNull(value, "value is null");
    }
}
