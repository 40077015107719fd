/**
 * User paths (KPI_DEFINITIONS.md, Paths): the request, validated with JSON pointers naming the field at fault,
 * and the Sankey diagram's nodes and weighted edges.
 */
package com.platform.analytics.domain.analysis.paths;
