package com.platform.analytics.domain.alert;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.BodyFields;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.metric.Dimension;
import com.platform.analytics.domain.metric.Granularity;
import com.platform.analytics.domain.time.Zones;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a client says about an alert rule: a metric (with a breakdown and filters as in the metrics API), the
 * granularity of the periods it is judged on, the condition, a severity. JSON:
 * <pre>{"name":"CriticalDAUDrop","metric":"dau","granularity":"day","tz":"UTC","dimensions":["platform"],
 *  "filters":{"country":["RU"]},"condition":{...},"severity":"critical","enabled":true,"description":"..."}</pre>
 * With a breakdown, every series (dimension combination) is judged and alerted on its own.
 */
public record AlertRuleDraft(
        String name,
        String description,
        String metricName,
        Granularity granularity,
        ZoneId zone,
        List<Dimension> dimensions,
        Map<Dimension, Set<String>> filters,
        AlertCondition condition,
        AlertSeverity severity,
        boolean enabled) {
    public static final int MAX_NAME_LENGTH = 255;
    private static final Set<String> FIELDS = Set.of("name", "description", "metric", "granularity", "tz", "dimensions",
            "filters", "condition", "severity", "enabled");

    public AlertRuleDraft {
        requireNonNull(name, "name is null");
        requireNonNull(metricName, "metricName is null");
        requireNonNull(granularity, "granularity is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(severity, "severity is null");
        dimensions = List.copyOf(dimensions);
        Map<Dimension, Set<String>> copy = new LinkedHashMap<>();
        filters.forEach((d, values) -> copy.put(d, Collections.unmodifiableSet(new LinkedHashSet<>(values))));
        filters = Collections.unmodifiableMap(copy);
        if (granularity == Granularity.TOTAL) {
            throw new IllegalArgumentException("a rule is judged per day, week or month, not over a total");
        }
        if (condition instanceof AlertCondition.RelativeChange r && r.baseline() == AlertCondition.Baseline.SAME_WEEKDAY
                && granularity != Granularity.DAY) {
            throw new IllegalArgumentException("the same_weekday baseline is for daily rules");
        }
    }

    /**
     * Reads a rule from a request body.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException INVALID_QUERY_PARAMETERS whose pointer names the
     *     member at fault ({@code /condition/percent}, {@code /filters/platform/0})
     */
    public static AlertRuleDraft fromJson(Map<String, Object> body) {
        BodyFields f = new BodyFields(body, FIELDS);
        String name = f.requiredString("name", "the rule's unique name, such as CriticalDAUDrop");
        if (name.length() > MAX_NAME_LENGTH || !name.equals(name.strip())) {
            throw BodyFields.invalid("name", "name must be at most " + MAX_NAME_LENGTH
                    + " characters without leading or trailing spaces");
        }
        String metric = f.requiredString("metric", "the name of a metric definition, such as dau");
        Granularity granularity = f.choice("granularity", Granularity.DAY,
                g -> Granularity.parse(g) == Granularity.TOTAL ? null : Granularity.parse(g), "one of day, week, month");
        String tz = f.string("tz");
        ZoneId zone = Zones.parse(tz).orElseThrow(() -> BodyFields.invalid("tz", "tz must be " + Zones.EXPECTED + "; got '" + tz + "'"));
        List<Dimension> dimensions = dimensions(f.value("dimensions"));
        Map<Dimension, Set<String>> filters = filters(f.value("filters"));
        if (!f.has("condition")) {
            throw BodyFields.invalid("condition", "condition is required: threshold, relative_change or anomaly");
        }
        AlertCondition condition = AlertCondition.parse(f.value("condition"), "/condition");
        if (condition instanceof AlertCondition.RelativeChange r && r.baseline() == AlertCondition.Baseline.SAME_WEEKDAY
                && granularity != Granularity.DAY) {
            throw BodyFields.invalidAt("/condition/baseline", "the same_weekday baseline needs granularity day; the rule's is "
                    + granularity.wireName());
        }
        AlertSeverity severity = f.choice("severity", AlertSeverity.WARNING, AlertSeverity::parse, "one of critical, warning, info");
        boolean enabled = true;
        if (f.has("enabled")) {
            if (!(f.value("enabled") instanceof Boolean b)) {
                throw BodyFields.invalid("enabled", "enabled must be true or false, not " + Json.typeName(f.value("enabled")));
            }
            enabled = b;
        }
        return new AlertRuleDraft(name, f.string("description"), metric, granularity, zone, dimensions, filters, condition,
                severity, enabled);
    }

    private static List<Dimension> dimensions(Object json) {
        if (json == null) {
            return List.of();
        }
        if (!(json instanceof List<?> list)) {
            throw BodyFields.invalid("dimensions", "dimensions must be an array of dimension names, such as [\"platform\"]");
        }
        List<Dimension> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Dimension d = list.get(i) instanceof String s ? Dimension.parse(s) : null;
            if (d == null) {
                throw BodyFields.invalidAt("/dimensions/" + i, "unknown dimension " + Json.write(list.get(i)) + "; known: " + known());
            }
            if (out.contains(d)) {
                throw BodyFields.invalidAt("/dimensions/" + i, "dimension " + d.fieldName() + " is named twice");
            }
            out.add(d);
        }
        return out;
    }

    private static Map<Dimension, Set<String>> filters(Object json) {
        if (json == null) {
            return Map.of();
        }
        if (!(json instanceof Map<?, ?> map)) {
            throw BodyFields.invalid("filters", "filters must be an object of dimension to values, such as {\"platform\":[\"pc\"]}");
        }
        Map<Dimension, Set<String>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String pointer = "/filters/" + e.getKey();
            Dimension d = Dimension.parse((String) e.getKey());
            if (d == null) {
                throw BodyFields.invalidAt(pointer, "unknown dimension '" + e.getKey() + "'; known: " + known());
            }
            if (out.containsKey(d)) {
                throw BodyFields.invalidAt(pointer, "dimension " + d.fieldName() + " is filtered twice");
            }
            if (!(e.getValue() instanceof List<?> values) || values.isEmpty()) {
                throw BodyFields.invalidAt(pointer, "a filter is a non-empty array of values");
            }
            Set<String> set = new LinkedHashSet<>();
            for (int i = 0; i < values.size(); i++) {
                if (!(values.get(i) instanceof String s) || s.isEmpty()) {
                    throw BodyFields.invalidAt(pointer + "/" + i, "a filter value is a non-empty string");
                }
                set.add(s);
            }
            out.put(d, set);
        }
        return out;
    }

    private static String known() {
        List<String> names = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            names.add(d.fieldName());
        }
        return String.join(", ", names);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        if (description != null) {
            json.put("description", description);
        }
        json.put("metric", metricName);
        json.put("granularity", granularity.wireName());
        json.put("tz", zone.getId());
        json.put("dimensions", dimensions.stream().map(Dimension::fieldName).toList());
        Map<String, Object> fs = new TreeMap<>();
        filters.forEach((d, values) -> fs.put(d.fieldName(), List.copyOf(values)));
        json.put("filters", fs);
        json.put("condition", condition.toJson());
        json.put("severity", severity.wireName());
        json.put("enabled", enabled);
        return json;
    }
}
