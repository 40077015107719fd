package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.funnel.FunnelBreakdown;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.domain.analysis.funnel.FunnelStepResult;
import com.platform.analytics.port.in.FunnelUseCase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /analysis/funnels}: a funnel request as JSON (FunnelQuery), its steps in {@code data.steps}, the
 * breakdown when one was asked for, and with {@code ?explain=true} the SQL the warehouse ran.
 */
public final class FunnelsEndpoint implements RouteGroup {
    /** A funnel request is small: 20 steps of 20 filters of up to 1000 values stay well within this. */
    static final long MAX_BODY_BYTES = 256 * 1024;

    private final FunnelUseCase funnels;

    @Inject
    public FunnelsEndpoint(FunnelUseCase funnels) {
        this.funnels = requireNonNull(funnels, "funnels is null");
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        AnalysisPost.register(vertx, router, basePath + "/analysis/funnels", Math.min(MAX_BODY_BYTES, maxBodyBytes),
                request -> document(funnels.funnel(request.scope(), FunnelQuery.parse(request.body())), request.explain()));
    }

    static Map<String, Object> document(FunnelResult result, boolean explain) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("steps", steps(result.steps()));
        if (!result.breakdown().isEmpty()) {
            List<Object> values = new ArrayList<>();
            for (FunnelBreakdown b : result.breakdown()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("value", b.value());
                one.put("steps", steps(b.steps()));
                values.add(one);
            }
            json.put("breakdown", values);
        }
        if (explain) {
            json.put("sql", result.sql());
        }
        return json;
    }

    private static List<Object> steps(List<FunnelStepResult> steps) {
        List<Object> list = new ArrayList<>();
        for (FunnelStepResult s : steps) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("event", s.event());
            step.put("users", s.users());
            step.put("conversionFromStart", plain(s.conversionFromStart()));
            step.put("conversionFromPrevious", plain(s.conversionFromPrevious()));
            step.put("medianSecondsFromStart", plain(s.medianSecondsFromStart()));
            step.put("meanSecondsFromStart", plain(s.meanSecondsFromStart()));
            list.add(step);
        }
        return list;
    }

    private static BigDecimal plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros();
    }
}
