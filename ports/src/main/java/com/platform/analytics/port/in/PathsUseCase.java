package com.platform.analytics.port.in;

import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;

/** The user paths analysis (KPI_DEFINITIONS.md, Paths). */
public interface PathsUseCase {
    PathsResult paths(PathsQuery query);
}
