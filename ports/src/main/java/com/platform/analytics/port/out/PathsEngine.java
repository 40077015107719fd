package com.platform.analytics.port.out;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;

/** Computes user paths inside the warehouse, and says with which SQL. */
public interface PathsEngine {
    /** The paths made of the activity events {@code scope} may read (a developer's: their games' only). */
    PathsResult paths(DataScope scope, PathsQuery query);
}
