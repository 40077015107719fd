package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.experiment.Comparison;
import com.platform.analytics.domain.analysis.experiment.ExperimentMetric;
import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentReport;
import com.platform.analytics.domain.analysis.experiment.Interval;
import com.platform.analytics.domain.analysis.experiment.SampleRatioCheck;
import com.platform.analytics.domain.analysis.experiment.VariantReport;
import com.platform.analytics.port.in.ExperimentUseCase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /analysis/experiments/{experimentKey}}: the A/B analysis of KPI_DEFINITIONS.md (Experiments), with the
 * warehouse SQL in the answer on {@code ?explain=true}.
 */
public final class ExperimentEndpoint implements RouteGroup {
    static final String EXPERIMENT_KEY = "experimentKey";
    /** A request body is a handful of fields. */
    static final long MAX_BODY_BYTES = 16 * 1024;

    /** Says how each number is computed, in the answer itself, so nobody has to guess. */
    static final Map<String, Object> METHODS = methods();

    private final ExperimentUseCase experiments;

    @Inject
    public ExperimentEndpoint(ExperimentUseCase experiments) {
        this.experiments = requireNonNull(experiments, "experiments is null");
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        AnalysisPost.register(vertx, router, basePath + "/analysis/experiments/:" + EXPERIMENT_KEY, Math.min(MAX_BODY_BYTES, maxBodyBytes), request -> {
            ExperimentQuery query = ExperimentQuery.parse(request.pathParameter(EXPERIMENT_KEY), request.body());
            return document(experiments.analyze(request.scope(), query), request.explain());
        });
    }

    static Map<String, Object> document(ExperimentReport report, boolean explain) {
        ExperimentQuery q = report.query();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experimentKey", q.experimentKey());
        json.put("from", q.from().toString());
        json.put("to", q.to().toString());
        json.put("tz", q.zone().getId());
        json.put("metric", q.metric().wireName());
        json.put("goal", q.goalEvent() == null ? null : Map.of("event", q.goalEvent()));
        json.put("window", window(q.window()));
        json.put("excludedUsers", report.excludedUsers());
        json.put("sampleRatioMismatch", sampleRatio(report.sampleRatio()));
        List<Object> variants = new ArrayList<>();
        for (VariantReport v : report.variants()) {
            variants.add(variant(v, q.metric()));
        }
        json.put("variants", variants);
        json.put("methods", METHODS);
        if (explain) {
            json.put("sql", report.sql());
        }
        return json;
    }

    private static Map<String, Object> variant(VariantReport v, ExperimentMetric metric) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("variant", v.variant());
        json.put("control", v.isControl());
        json.put("users", v.users());
        if (metric == ExperimentMetric.CONVERSION) {
            json.put("conversions", v.conversions());
            json.put("rate", v.rate());
        } else {
            json.put("revenue", v.revenue());
            json.put("revenuePerUser", v.rate());
            json.put("standardDeviation", v.standardDeviation());
            json.put("rate", v.rate());
        }
        json.put("versusControl", comparison(v.versusControl(), metric));
        return json;
    }

    private static Map<String, Object> comparison(Comparison c, ExperimentMetric metric) {
        if (c == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("confidenceLevel", Comparison.CONFIDENCE);
        json.put("absoluteLift", interval(c.absoluteLift()));
        json.put("relativeLift", interval(c.relativeLift()));
        json.put(metric == ExperimentMetric.CONVERSION ? "z" : "t", c.statistic());
        if (metric == ExperimentMetric.REVENUE) {
            json.put("degreesOfFreedom", c.degreesOfFreedom());
        }
        json.put("pValue", c.pValue());
        if (metric == ExperimentMetric.CONVERSION) {
            json.put("probabilityToBeatControl", c.probabilityToBeatControl());
        }
        return json;
    }

    private static Map<String, Object> interval(Interval i) {
        if (i == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("estimate", i.estimate());
        json.put("lower", i.lower());
        json.put("upper", i.upper());
        return json;
    }

    private static Map<String, Object> sampleRatio(SampleRatioCheck s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("chiSquare", s.chiSquare());
        json.put("degreesOfFreedom", s.degreesOfFreedom());
        json.put("pValue", s.pValue());
        json.put("threshold", SampleRatioCheck.THRESHOLD);
        json.put("mismatch", s.mismatch());
        return json;
    }

    /** Whole days as {@code P14D}, anything else as Java writes a duration ({@code PT36H}). */
    static String window(Duration window) {
        return window.toMillis() % 86_400_000L == 0 ? "P" + window.toDays() + "D" : window.toString();
    }

    private static Map<String, Object> methods() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("assignment", "the variant of the user's first exposure; users exposed to two or more variants by the end "
                + "of 'to' are excluded and counted in excludedUsers");
        m.put("conversion", "two-proportion z-test: pooled standard error for z and the p-value, unpooled for the "
                + "interval of the difference");
        m.put("revenue", "Welch's t-test on net revenue per user (payments minus refunds in RUB within the window, 0 "
                + "for users without any), Welch-Satterthwaite degrees of freedom");
        m.put("relativeLift", "variant / control - 1, interval by the delta method (normal approximation)");
        m.put("probabilityToBeatControl", "P(variant rate > control rate) under Beta(1 + conversions, 1 + users - "
                + "conversions) posteriors, by numerical integration");
        m.put("sampleRatioMismatch", "chi-square goodness of fit against equal allocation, flagged at p < 0.001");
        return java.util.Collections.unmodifiableMap(m);
    }
}
