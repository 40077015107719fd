package com.platform.analytics.port.out;

import com.platform.analytics.domain.metric.RetentionCohort;
import com.platform.analytics.domain.metric.RetentionQuery;
import java.util.List;

/** Computes registration-cohort retention inside the warehouse. */
public interface RetentionEngine {
    /** One entry per cohort day with at least one registration, in day order. */
    List<RetentionCohort> exactDayRetention(RetentionQuery query);
}
