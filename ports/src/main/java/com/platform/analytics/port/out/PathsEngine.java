package com.platform.analytics.port.out;

import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;

/** Computes user paths inside the warehouse, and says with which SQL. */
public interface PathsEngine {
    PathsResult paths(PathsQuery query);
}
