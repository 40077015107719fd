package com.platform.analytics.port.in;

import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;

/** The cohort retention analysis (KPI_DEFINITIONS.md, Retention). */
public interface CohortRetentionUseCase {
    CohortRetentionResult retention(CohortRetentionQuery query);
}
