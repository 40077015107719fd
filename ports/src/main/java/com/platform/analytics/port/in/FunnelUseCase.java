package com.platform.analytics.port.in;

import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;

/** {@code POST /analysis/funnels}: a validated funnel request in, its steps (and breakdown, and SQL) out. */
public interface FunnelUseCase {
    FunnelResult funnel(FunnelQuery query);
}
