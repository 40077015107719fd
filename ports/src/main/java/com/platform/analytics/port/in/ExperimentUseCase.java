package com.platform.analytics.port.in;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentReport;

/** The A/B experiment analysis: per variant against control, with the sample-ratio check. */
public interface ExperimentUseCase {
    /**
     * The analysis of the exposures and outcomes {@code scope} may read (a developer sees their own games only).
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code INVALID_QUERY_PARAMETERS} when users
     *     were exposed but none to the variant named control
     */
    ExperimentReport analyze(DataScope scope, ExperimentQuery query);
}
