/**
 * Funnels (KPI_DEFINITIONS.md, Funnels): the request with its validation ({@link FunnelQuery}), the per-step
 * numbers a warehouse computes ({@link FunnelCount}) and the result with its conversions ({@link FunnelResult}).
 */
package com.platform.analytics.domain.analysis.funnel;
