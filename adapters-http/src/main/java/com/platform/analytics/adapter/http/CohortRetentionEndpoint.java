package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;
import com.platform.analytics.domain.analysis.retention.CohortRow;
import com.platform.analytics.port.in.CohortRetentionUseCase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /analysis/retention}: a cohort retention table ({@link CohortRetentionQuery} says exactly what it
 * counts); {@code ?explain=true} adds the SQL the warehouse ran.
 */
public final class CohortRetentionEndpoint implements RouteGroup {
    private final CohortRetentionUseCase retention;

    @Inject
    public CohortRetentionEndpoint(CohortRetentionUseCase retention) {
        this.retention = requireNonNull(retention, "retention is null");
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        AnalysisPost.register(vertx, router, basePath + "/analysis/retention", Math.min(AnalysisPost.DEFAULT_BODY_LIMIT, maxBodyBytes),
                request -> document(retention.retention(request.scope(), CohortRetentionQuery.fromJson(request.body())), request.explain()));
    }

    static Map<String, Object> document(CohortRetentionResult result, boolean explain) {
        List<Object> cohorts = new ArrayList<>();
        for (CohortRow row : result.cohorts()) {
            Map<String, Object> cohort = new LinkedHashMap<>();
            cohort.put("cohort", row.cohort().toString());
            cohort.put("size", row.size());
            cohort.put("retention", row.retention());
            cohorts.add(cohort);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cohorts", cohorts);
        if (explain) {
            data.put("sql", result.sql());
        }
        return data;
    }
}
