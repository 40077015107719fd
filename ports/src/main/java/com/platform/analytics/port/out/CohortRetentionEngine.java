package com.platform.analytics.port.out;

import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;

/** Computes a cohort retention table inside the warehouse, and says with which SQL. */
public interface CohortRetentionEngine {
    CohortRetentionResult retention(CohortRetentionQuery query);
}
