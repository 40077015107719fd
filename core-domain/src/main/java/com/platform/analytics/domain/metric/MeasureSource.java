package com.platform.analytics.domain.metric;

import java.util.List;

/** Whatever computes base measures (the warehouse); the domain composes metrics from its answers. */
@FunctionalInterface
public interface MeasureSource {
    List<MeasureRow> measure(MeasureQuery query);
}
