package com.platform.analytics.port.in;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;

/** The user paths analysis (KPI_DEFINITIONS.md, Paths). */
public interface PathsUseCase {
    /** The paths of the caller's data ({@code scope}: a developer sees their own games only). */
    PathsResult paths(DataScope scope, PathsQuery query);
}
