package com.platform.analytics.port.out;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;

/** Computes a cohort retention table inside the warehouse, and says with which SQL. */
public interface CohortRetentionEngine {
    /** The table from the cohort and return events {@code scope} may read (a developer's: their games' only). */
    CohortRetentionResult retention(DataScope scope, CohortRetentionQuery query);
}
