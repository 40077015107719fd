package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /metrics/definitions[/{metric_name}]} and {@code /metrics/values/{metric_name}}. */
final class MetricsEndpoint {
    static final String METRIC_NAME = "metric_name";
    private static final Set<String> SINGLE_VALUE_PARAMETERS = Set.of("from", "to", "granularity", "tz", "dimensions");
    private static final String FILTER = "filter";

    private final Vertx vertx;
    private final MetricQueriesUseCase metricQueries;

    MetricsEndpoint(Vertx vertx, MetricQueriesUseCase metricQueries) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        this.metricQueries = requireNonNull(metricQueries, "metricQueries is null");
    }

    /** A page of the definitions, with an ETag: dashboards poll them. */
    void definitions(RoutingContext ctx) {
        Pages.PageRequest page;
        try {
            page = Pages.read(ctx, "metrics/definitions");
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx,
                        () -> Pages.slice(ctx, page, metricQueries.definitions(), d -> document(d))), false)
                .onSuccess(document -> JsonResponses.sendWithETag(ctx, 200, document))
                .onFailure(ctx::fail);
    }

    void definition(RoutingContext ctx) {
        String name = ctx.pathParam(METRIC_NAME);
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> Map.of("data", document(metricQueries.definition(name)))), false)
                .onSuccess(document -> JsonResponses.sendWithETag(ctx, 200, document))
                .onFailure(ctx::fail);
    }

    void values(RoutingContext ctx) {
        MetricValuesQuery query;
        try {
            query = parseQuery(ctx.pathParam(METRIC_NAME), ctx.queryParams());
        } catch (IllegalArgumentException e) {
            // a query string with broken %-escapes does not decode at all
            ctx.fail(AnalyticsException.invalidParameter(null, "The query string is not valid URL encoding"));
            return;
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        DataScope scope = HttpApiServer.scope(ctx);
        AnalysisPost.respond(vertx, ctx, 200, () -> {
            MetricValues values = metricQueries.values(query, scope);
            return document(values.query() != null ? values.query() : query, values);
        });
    }

    static MetricValuesQuery parseQuery(String metricName, MultiMap parameters) {
        for (String name : parameters.names()) {
            if (SINGLE_VALUE_PARAMETERS.contains(name)) {
                if (parameters.getAll(name).size() > 1) {
                    throw AnalyticsException.invalidParameter(name, name + " is given more than once");
                }
            } else if (!FILTER.equals(name)) {
                throw AnalyticsException.invalidParameter(name, "unknown query parameter '" + name
                        + "'; known: from, to, granularity, tz, dimensions, filter");
            }
        }
        return MetricValuesQuery.parse(metricName, parameters.get("from"), parameters.get("to"),
                parameters.get("granularity"), parameters.get("tz"), parameters.get("dimensions"),
                parameters.getAll(FILTER));
    }

    static Map<String, Object> document(MetricDefinition d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", d.id().toString());
        json.put("name", d.name());
        json.put("displayNameRu", d.displayNameRu());
        json.put("displayNameEn", d.displayNameEn());
        json.put("descriptionRu", d.descriptionRu());
        json.put("descriptionEn", d.descriptionEn());
        json.put("metricType", d.metricType());
        json.put("calculationMethod", d.calculationMethod());
        json.put("sourceEventType", d.sourceEventType());
        json.put("valueField", d.valueField());
        json.put("filters", d.filters());
        json.put("dimensions", d.dimensions());
        json.put("granularity", d.granularity());
        json.put("unit", d.unit());
        json.put("realtime", d.realtime());
        json.put("ownerService", d.ownerService());
        json.put("tags", d.tags());
        json.put("createdAt", d.createdAt() == null ? null : d.createdAt().toString());
        json.put("updatedAt", d.updatedAt() == null ? null : d.updatedAt().toString());
        return json;
    }

    static Map<String, Object> document(MetricValuesQuery query, MetricValues values) {
        List<Object> series = new ArrayList<>();
        for (MetricSeries s : values.series()) {
            List<Object> points = new ArrayList<>();
            for (MetricSeries.Point p : s.points()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("bucket", p.bucket().toString());
                // BigDecimal is written as a plain JSON number; null (undefined) stays null
                point.put("value", p.value());
                points.add(point);
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("dimensions", s.dimensions());
            one.put("points", points);
            series.add(one);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metric", query.metricName());
        json.put("from", query.from().toString());
        json.put("to", query.to().toString());
        json.put("granularity", query.granularity().wireName());
        json.put("tz", query.zone().getId());
        json.put("unit", values.unit());
        json.put("series", series);
        return json;
    }
}
