package com.platform.analytics.port.out;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;

/** Computes funnels inside the warehouse (KPI_DEFINITIONS.md, Funnels); the result carries the SQL it ran. */
public interface FunnelEngine {
    /** The funnel of the events {@code scope} may read: every step, breakdown value and time from them alone. */
    FunnelResult funnel(DataScope scope, FunnelQuery query);
}
