package com.platform.analytics.domain.analysis.experiment;

import java.util.Locale;

/** What an experiment is judged on (KPI_DEFINITIONS.md, Experiments). */
public enum ExperimentMetric {
    /** The share of exposed users who do the goal event after their exposure, within the window. */
    CONVERSION,
    /**
     * Net revenue per exposed user after exposure, within the window, in RUB: {@code amount_rub} of completed
     * transactions minus that of processed refunds; users without payments count as 0.
     */
    REVENUE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ExperimentMetric parse(String text) {
        for (ExperimentMetric m : values()) {
            if (m.wireName().equals(text)) {
                return m;
            }
        }
        return null;
    }
}
