package com.platform.analytics.port.out;

import com.platform.analytics.domain.metric.MeasureQuery;
import com.platform.analytics.domain.metric.MeasureRow;
import java.util.List;

/** Computes base measures inside the warehouse. Buckets with no events may be absent. */
public interface MeasureEngine {
    List<MeasureRow> measure(MeasureQuery query);
}
