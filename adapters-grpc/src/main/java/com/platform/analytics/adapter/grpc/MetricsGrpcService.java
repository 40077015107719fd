package com.platform.analytics.adapter.grpc;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.adapter.grpc.v1.DimensionFilter;
import com.platform.analytics.adapter.grpc.v1.DimensionValue;
import com.platform.analytics.adapter.grpc.v1.GetMetricValuesRequest;
import com.platform.analytics.adapter.grpc.v1.GetMetricValuesResponse;
import com.platform.analytics.adapter.grpc.v1.MetricPoint;
import com.platform.analytics.adapter.grpc.v1.MetricsServiceGrpc;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code MetricsService.GetMetricValues}: the query of {@code GET /metrics/values/{metric_name}}, validated by the
 * domain's {@link MetricValuesQuery#parse} exactly as the REST API validates its parameters.
 */
final class MetricsGrpcService extends MetricsServiceGrpc.MetricsServiceImplBase {
    private final MetricQueriesUseCase metricQueries;
    private final CallerAccess access;

    MetricsGrpcService(MetricQueriesUseCase metricQueries, CallerAccess access) {
        this.metricQueries = requireNonNull(metricQueries, "metricQueries is null");
        this.access = requireNonNull(access, "access is null");
    }

    @Override
    public void getMetricValues(GetMetricValuesRequest request, StreamObserver<GetMetricValuesResponse> responses) {
        UnaryCalls.answer(responses, () -> {
            DataScope scope = access.requireScoped(Permission.READ_METRICS);
            MetricValuesQuery query = parse(request);
            if (Context.current().isCancelled()) {
                return null;
            }
            MetricValues values = metricQueries.values(query, scope);
            return document(values.query() != null ? values.query() : query, values);
        });
    }

    static MetricValuesQuery parse(GetMetricValuesRequest request) {
        if (request.getMetricName().isBlank()) {
            throw AnalyticsException.invalidParameter("metric_name", "metric_name is required");
        }
        List<String> filters = new ArrayList<>();
        for (DimensionFilter f : request.getFiltersList()) {
            filters.add(f.getDimension() + ":" + f.getValue());
        }
        try {
            return MetricValuesQuery.parse(request.getMetricName(), orNull(request.getFrom()), orNull(request.getTo()),
                    orNull(request.getGranularity()), orNull(request.getTz()),
                    request.getDimensionsCount() == 0 ? null : String.join(",", request.getDimensionsList()), filters);
        } catch (AnalyticsException e) {
            // the domain names REST's query parameters; name the request's fields instead where they differ
            if (e.parameter().filter("filter"::equals).isPresent()) {
                throw new AnalyticsException(e.code(), e.detail(), "filters", null, e);
            }
            throw e;
        }
    }

    /** Proto3 strings are never absent: empty means "not given", as a missing query parameter does. */
    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }

    static GetMetricValuesResponse document(MetricValuesQuery query, MetricValues values) {
        GetMetricValuesResponse.Builder response = GetMetricValuesResponse.newBuilder()
                .setMetric(query.metricName())
                .setFrom(query.from().toString())
                .setTo(query.to().toString())
                .setGranularity(query.granularity().wireName())
                .setTz(query.zone().getId());
        if (values.unit() != null) {
            response.setUnit(values.unit());
        }
        for (MetricSeries s : values.series()) {
            com.platform.analytics.adapter.grpc.v1.MetricSeries.Builder series =
                    com.platform.analytics.adapter.grpc.v1.MetricSeries.newBuilder();
            for (Map.Entry<String, String> d : s.dimensions().entrySet()) {
                DimensionValue.Builder dimension = DimensionValue.newBuilder().setName(d.getKey());
                if (d.getValue() != null) {
                    dimension.setValue(d.getValue());
                }
                series.addDimensions(dimension);
            }
            for (MetricSeries.Point p : s.points()) {
                MetricPoint.Builder point = MetricPoint.newBuilder().setBucket(p.bucket().toString());
                if (p.value() != null) {
                    // text keeps the exact decimal; a double would not
                    point.setValue(p.value().toPlainString());
                }
                series.addPoints(point);
            }
            response.addSeries(series);
        }
        return response.build();
    }
}
