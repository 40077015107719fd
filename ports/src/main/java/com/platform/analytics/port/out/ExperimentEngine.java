package com.platform.analytics.port.out;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentTotals;

/**
 * Computes an experiment's per-variant sufficient statistics inside the warehouse (KPI_DEFINITIONS.md,
 * Experiments): users by the variant of their first exposure, users exposed to two variants excluded and counted,
 * conversions or net revenue per user after exposure within the window. The statistics are the domain's.
 */
public interface ExperimentEngine {
    /** The totals of the users and events {@code scope} may read, with the SQL that produced them. */
    ExperimentTotals experimentTotals(DataScope scope, ExperimentQuery query);
}
