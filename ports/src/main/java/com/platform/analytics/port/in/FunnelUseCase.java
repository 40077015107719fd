package com.platform.analytics.port.in;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;

/** {@code POST /analysis/funnels}: a validated funnel request in, its steps (and breakdown, and SQL) out. */
public interface FunnelUseCase {
    /**
     * The funnel of the caller's data ({@code scope}: a developer sees their own games only).
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code ACCESS_DENIED_TO_RESOURCE} when a
     *     developer's filter names another developer, or a game that is not theirs (an unknown one included)
     */
    FunnelResult funnel(DataScope scope, FunnelQuery query);
}
