package com.platform.analytics.port.in;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;

/** The cohort retention analysis (KPI_DEFINITIONS.md, Retention). */
public interface CohortRetentionUseCase {
    /** The table of the caller's data ({@code scope}: a developer sees their own games only). */
    CohortRetentionResult retention(DataScope scope, CohortRetentionQuery query);
}
