package com.platform.analytics.domain.report;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A report that can be generated (a {@code report_definitions} row). Checked when made: a SQL template passes
 * {@link SqlTemplate#parse} and references only declared parameters; a metric config names a metric; a definition
 * open to developers is scoped by them ({@code developer_id} in its template or a metric's developer scope).
 *
 * @param source the SQL template or the JSON config ({@code source_query_or_config})
 * @param availableToDevelopers whether a developer may run it (on their own data only)
 */
public record ReportDefinition(UUID id, String name, String displayNameRu, String displayNameEn, String descriptionRu,
        String descriptionEn, ReportSourceType sourceType, String source, List<ReportParameter> parameters,
        List<OutputFormat> outputFormats, boolean availableToDevelopers, Instant createdAt, Instant updatedAt) {

    public ReportDefinition {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(displayNameRu, "displayNameRu is null");
        requireNonNull(sourceType, "sourceType is null");
        requireNonNull(source, "source is null");
        parameters = List.copyOf(parameters);
        outputFormats = List.copyOf(outputFormats);
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        if (outputFormats.isEmpty()) {
            throw new IllegalArgumentException("report " + name + " has no output format");
        }
        Map<String, ReportParameter> declared = new LinkedHashMap<>();
        for (ReportParameter p : parameters) {
            if (declared.put(p.name(), p) != null) {
                throw new IllegalArgumentException("report " + name + " declares parameter " + p.name() + " twice");
            }
        }
        if (sourceType == ReportSourceType.SQL_QUERY_CLICKHOUSE) {
            SqlTemplate template = SqlTemplate.parse(source);
            for (String used : template.placeholders().keySet()) {
                if (!declared.containsKey(used)) {
                    throw new IllegalArgumentException("report " + name + " uses the undeclared parameter {" + used + "}");
                }
            }
            if (availableToDevelopers && !template.placeholders().containsKey(ReportParameter.DEVELOPER_ID)) {
                throw new IllegalArgumentException("report " + name + " is open to developers but its SQL is not scoped by {"
                        + ReportParameter.DEVELOPER_ID + ":String}");
            }
        } else if (sourceType == ReportSourceType.PRE_AGGREGATED_METRICS) {
            MetricReportConfig.parse(source);
        }
    }

    /** Whether a caller of {@code scope} may see and run it. */
    public boolean visibleTo(DataScope scope) {
        return scope.unrestricted() || availableToDevelopers;
    }

    /**
     * The request's parameters checked against the declaration, as the canonical text of each declared parameter
     * (the default where the request has none). A developer's {@code developer_id} is theirs, whatever the request.
     *
     * @param requested the request's {@code parameters} object (JSON values)
     * @throws AnalyticsException {@code INVALID_REQUEST_BODY} naming the bad parameter by its JSON pointer;
     *     {@code ACCESS_DENIED_TO_RESOURCE} for a developer and a definition not open to them, or another developer's id
     */
    public Map<String, String> bind(Map<String, Object> requested, DataScope scope) {
        requireNonNull(requested, "requested is null");
        requireNonNull(scope, "scope is null");
        if (!visibleTo(scope)) {
            throw new AnalyticsException(ErrorCode.ACCESS_DENIED_TO_RESOURCE, "report " + name + " is not open to developers");
        }
        Map<String, ReportParameter> declared = new LinkedHashMap<>();
        parameters.forEach(p -> declared.put(p.name(), p));
        for (String given : requested.keySet()) {
            if (!declared.containsKey(given)) {
                throw AnalyticsException.invalidBody(pointer(given), "report " + name + " has no parameter '" + given
                        + "'; it has " + declared.keySet());
            }
        }
        Map<String, String> bound = new LinkedHashMap<>();
        Optional<String> developer = scope.developerId();
        for (ReportParameter p : parameters) {
            Object value = requested.get(p.name());
            if (developer.isPresent() && p.name().equals(ReportParameter.DEVELOPER_ID)) {
                if (value != null && !developer.get().equals(value)) {
                    throw new AnalyticsException(ErrorCode.ACCESS_DENIED_TO_RESOURCE, "developer " + value
                            + " is not the caller's", null, pointer(p.name()), null);
                }
                bound.put(p.name(), developer.get());
                continue;
            }
            if (value == null || value == com.platform.analytics.domain.json.Json.NULL) {
                if (p.defaultValue() == null) {
                    throw AnalyticsException.invalidBody(pointer(p.name()), "parameter " + p.name() + " is required");
                }
                bound.put(p.name(), p.defaultValue());
                continue;
            }
            Object v = value;
            bound.put(p.name(), p.type().canonical(v).orElseThrow(() -> AnalyticsException.invalidBody(pointer(p.name()),
                    "parameter " + p.name() + " must be a " + p.type().wireName() + ", got " + v)));
        }
        return bound;
    }

    private static String pointer(String parameter) {
        return "/parameters/" + parameter.replace("~", "~0").replace("/", "~1");
    }
}
