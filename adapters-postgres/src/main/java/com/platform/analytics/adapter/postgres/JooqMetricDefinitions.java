package com.platform.analytics.adapter.postgres;

import static com.platform.analytics.adapter.postgres.MetadataSql.translated;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.port.out.MetricDefinitionStore;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** {@link MetricDefinitionStore} over the {@code metric_definitions} table (spec 4.2.1), through jOOQ. */
public final class JooqMetricDefinitions implements MetricDefinitionStore {
    static {
        // jOOQ prints a banner and "tips" on first use; they are noise in a service's log
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private static final Table<Record> METRIC_DEFINITIONS = table(name("metric_definitions"));
    private static final Field<UUID> ID = field(name("id"), SQLDataType.UUID);
    private static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR);
    private static final Field<String> DISPLAY_NAME_RU = field(name("display_name_ru"), SQLDataType.VARCHAR);
    private static final Field<String> DISPLAY_NAME_EN = field(name("display_name_en"), SQLDataType.VARCHAR);
    private static final Field<String> DESCRIPTION_RU = field(name("description_ru"), SQLDataType.CLOB);
    private static final Field<String> DESCRIPTION_EN = field(name("description_en"), SQLDataType.CLOB);
    private static final Field<String> METRIC_TYPE = field(name("metric_type"), SQLDataType.VARCHAR);
    private static final Field<String> CALCULATION_METHOD = field(name("calculation_method"), SQLDataType.VARCHAR);
    private static final Field<String> SOURCE_EVENT_TYPE = field(name("source_event_type"), SQLDataType.VARCHAR);
    private static final Field<String> VALUE_FIELD = field(name("value_field"), SQLDataType.VARCHAR);
    private static final Field<JSONB> FILTERS = field(name("filters"), SQLDataType.JSONB);
    private static final Field<JSONB> DIMENSIONS = field(name("dimensions"), SQLDataType.JSONB);
    private static final Field<String> GRANULARITY = field(name("granularity"), SQLDataType.VARCHAR);
    private static final Field<String> UNIT = field(name("unit"), SQLDataType.VARCHAR);
    private static final Field<Boolean> IS_REALTIME = field(name("is_realtime"), SQLDataType.BOOLEAN);
    private static final Field<String> OWNER_SERVICE = field(name("owner_service"), SQLDataType.VARCHAR);
    private static final Field<JSONB> TAGS = field(name("tags"), SQLDataType.JSONB);
    private static final Field<Instant> CREATED_AT = field(name("created_at"), SQLDataType.INSTANT);
    private static final Field<Instant> UPDATED_AT = field(name("updated_at"), SQLDataType.INSTANT);
    private static final List<Field<?>> COLUMNS = List.of(ID, NAME, DISPLAY_NAME_RU, DISPLAY_NAME_EN, DESCRIPTION_RU,
            DESCRIPTION_EN, METRIC_TYPE, CALCULATION_METHOD, SOURCE_EVENT_TYPE, VALUE_FIELD, FILTERS, DIMENSIONS,
            GRANULARITY, UNIT, IS_REALTIME, OWNER_SERVICE, TAGS, CREATED_AT, UPDATED_AT);

    private final DSLContext sql;

    @Inject
    public JooqMetricDefinitions(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        // no jOOQ Settings object: its class carries JAXB annotations that are not on the class path, and the
        // defaults (statements logged at DEBUG only) are what we want
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public List<MetricDefinition> findAll() {
        return translated("list metric definitions", () -> sql.select(COLUMNS)
                .from(METRIC_DEFINITIONS)
                .orderBy(NAME)
                .fetch(JooqMetricDefinitions::toDefinition));
    }

    @Override
    public Optional<MetricDefinition> findByName(String metricName) {
        requireNonNull(metricName, "metricName is null");
        return translated("read metric definition " + metricName, () -> sql.select(COLUMNS)
                .from(METRIC_DEFINITIONS)
                .where(NAME.eq(metricName))
                .fetchOptional(JooqMetricDefinitions::toDefinition));
    }

    private static MetricDefinition toDefinition(Record r) {
        return new MetricDefinition(
                r.get(ID),
                r.get(NAME),
                r.get(DISPLAY_NAME_RU),
                r.get(DISPLAY_NAME_EN),
                r.get(DESCRIPTION_RU),
                r.get(DESCRIPTION_EN),
                r.get(METRIC_TYPE),
                r.get(CALCULATION_METHOD),
                r.get(SOURCE_EVENT_TYPE),
                r.get(VALUE_FIELD),
                jsonObject(r.get(FILTERS), r.get(NAME), "filters"),
                stringArray(r.get(DIMENSIONS), r.get(NAME), "dimensions"),
                r.get(GRANULARITY),
                r.get(UNIT),
                Boolean.TRUE.equals(r.get(IS_REALTIME)),
                r.get(OWNER_SERVICE),
                stringArray(r.get(TAGS), r.get(NAME), "tags"),
                r.get(CREATED_AT),
                r.get(UPDATED_AT));
    }

    private static Map<String, Object> jsonObject(JSONB value, String metric, String column) {
        if (value == null) {
            return Map.of();
        }
        Object parsed = Json.parse(value.data());
        if (parsed == Json.NULL) {
            return Map.of();
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw corrupt(metric, column, "a JSON object", parsed);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        return map;
    }

    private static List<String> stringArray(JSONB value, String metric, String column) {
        if (value == null) {
            return List.of();
        }
        Object parsed = Json.parse(value.data());
        if (parsed == Json.NULL) {
            return List.of();
        }
        if (!(parsed instanceof List<?> list)) {
            throw corrupt(metric, column, "a JSON array of strings", parsed);
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw corrupt(metric, column, "a JSON array of strings", parsed);
            }
            out.add(s);
        }
        return out;
    }

    private static AnalyticsException corrupt(String metric, String column, String expected, Object found) {
        return new AnalyticsException(ErrorCode.INTERNAL_ERROR, "metric definition " + metric + ": column " + column
                + " holds " + Json.typeName(found) + ", expected " + expected);
    }

    /** Runs a query, turning jOOQ's (vendor) exceptions into the service's. */
}
