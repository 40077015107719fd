package com.platform.analytics.port.in;

import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentReport;

/** The A/B experiment analysis: per variant against control, with the sample-ratio check. */
public interface ExperimentUseCase {
    /**
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code INVALID_QUERY_PARAMETERS} when users
     *     were exposed but none to the variant named control
     */
    ExperimentReport analyze(ExperimentQuery query);
}
