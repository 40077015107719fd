package com.platform.analytics.domain.metric;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One base measure over [{@code from}, {@code to}] (calendar days of {@code zone}, both inclusive), cut into
 * buckets of {@code granularity}, grouped by {@code dimensions}, restricted by {@code filters} (values of one
 * dimension are alternatives; different dimensions must all match). Rolling measures take day buckets only;
 * their windows reach back before {@code from}.
 */
public record MeasureQuery(
        Measure measure,
        LocalDate from,
        LocalDate to,
        Granularity granularity,
        ZoneId zone,
        List<Dimension> dimensions,
        Map<Dimension, Set<String>> filters) {

    public MeasureQuery {
        requireNonNull(measure, "measure is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(granularity, "granularity is null");
        requireNonNull(zone, "zone is null");
        dimensions = List.copyOf(dimensions);
        filters = Map.copyOf(filters);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
        if (measure.rolling() && granularity != Granularity.DAY) {
            throw new IllegalArgumentException("rolling measures take day buckets only");
        }
    }
}
