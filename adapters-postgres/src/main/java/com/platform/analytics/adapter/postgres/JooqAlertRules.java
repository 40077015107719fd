package com.platform.analytics.adapter.postgres;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.alert.AlertRule;
import com.platform.analytics.domain.alert.AlertRuleDraft;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.port.out.AlertRuleStore;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;

/**
 * {@link AlertRuleStore} over the {@code alert_rules} table (migration V8), through jOOQ. A row is read back through
 * {@link AlertRuleDraft#fromJson}, so a row this version cannot read (written by hand) fails loudly, not half-read.
 */
public final class JooqAlertRules implements AlertRuleStore {
    private static final String UNIQUE_VIOLATION = "23505";
    static final Table<Record> ALERT_RULES = table(name("alert_rules"));
    private static final Field<UUID> ID = field(name("id"), SQLDataType.UUID);
    private static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR);
    private static final Field<String> DESCRIPTION = field(name("description"), SQLDataType.CLOB);
    private static final Field<String> METRIC_NAME = field(name("metric_name"), SQLDataType.VARCHAR);
    private static final Field<String> GRANULARITY = field(name("granularity"), SQLDataType.VARCHAR);
    private static final Field<String> TIME_ZONE = field(name("time_zone"), SQLDataType.VARCHAR);
    private static final Field<JSONB> DIMENSIONS = field(name("dimensions"), SQLDataType.JSONB);
    private static final Field<JSONB> FILTERS = field(name("filters"), SQLDataType.JSONB);
    private static final Field<JSONB> CONDITION = field(name("condition"), SQLDataType.JSONB);
    private static final Field<String> SEVERITY = field(name("severity"), SQLDataType.VARCHAR);
    private static final Field<Boolean> ENABLED = field(name("enabled"), SQLDataType.BOOLEAN);
    private static final Field<Instant> CREATED_AT = field(name("created_at"), SQLDataType.INSTANT);
    private static final Field<Instant> UPDATED_AT = field(name("updated_at"), SQLDataType.INSTANT);
    private static final List<Field<?>> COLUMNS = List.of(ID, NAME, DESCRIPTION, METRIC_NAME, GRANULARITY, TIME_ZONE,
            DIMENSIONS, FILTERS, CONDITION, SEVERITY, ENABLED, CREATED_AT, UPDATED_AT);

    private final DSLContext sql;

    @Inject
    public JooqAlertRules(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public AlertRule create(AlertRuleDraft draft, Instant now) {
        requireNonNull(draft, "draft is null");
        requireNonNull(now, "now is null");
        return translated("create alert rule " + draft.name(), draft, () -> sql.insertInto(ALERT_RULES)
                .set(values(draft))
                .set(CREATED_AT, now)
                .set(UPDATED_AT, now)
                .returningResult(COLUMNS)
                .fetchOne(JooqAlertRules::toRule));
    }

    @Override
    public Optional<AlertRule> find(UUID id) {
        requireNonNull(id, "id is null");
        return translated("read alert rule " + id, null, () -> sql.select(COLUMNS).from(ALERT_RULES).where(ID.eq(id))
                .fetchOptional(JooqAlertRules::toRule));
    }

    @Override
    public List<AlertRule> findAll() {
        return translated("list alert rules", null, () -> sql.select(COLUMNS).from(ALERT_RULES).orderBy(NAME)
                .fetch(JooqAlertRules::toRule));
    }

    @Override
    public Optional<AlertRule> update(UUID id, AlertRuleDraft draft, Instant now) {
        requireNonNull(id, "id is null");
        requireNonNull(draft, "draft is null");
        requireNonNull(now, "now is null");
        return translated("update alert rule " + id, draft, () -> sql.update(ALERT_RULES)
                .set(values(draft))
                .set(UPDATED_AT, now)
                .where(ID.eq(id))
                .returningResult(COLUMNS)
                .fetchOptional(JooqAlertRules::toRule));
    }

    @Override
    public boolean delete(UUID id) {
        requireNonNull(id, "id is null");
        return translated("delete alert rule " + id, null, () -> sql.deleteFrom(ALERT_RULES).where(ID.eq(id)).execute() > 0);
    }

    /** The columns a draft sets, in a creation and in an update alike. */
    private static Map<Field<?>, Object> values(AlertRuleDraft draft) {
        Map<String, Object> json = draft.toJson();
        Map<Field<?>, Object> values = new java.util.LinkedHashMap<>();
        values.put(NAME, draft.name());
        values.put(DESCRIPTION, draft.description());
        values.put(METRIC_NAME, draft.metricName());
        values.put(GRANULARITY, draft.granularity().wireName());
        values.put(TIME_ZONE, draft.zone().getId());
        values.put(DIMENSIONS, jsonb(json.get("dimensions")));
        values.put(FILTERS, jsonb(json.get("filters")));
        values.put(CONDITION, jsonb(json.get("condition")));
        values.put(SEVERITY, draft.severity().wireName());
        values.put(ENABLED, draft.enabled());
        return values;
    }

    private static JSONB jsonb(Object value) {
        return JSONB.valueOf(Json.write(value));
    }

    private static AlertRule toRule(Record r) {
        String name = r.get(NAME);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        if (r.get(DESCRIPTION) != null) {
            json.put("description", r.get(DESCRIPTION));
        }
        json.put("metric", r.get(METRIC_NAME));
        json.put("granularity", r.get(GRANULARITY));
        json.put("tz", r.get(TIME_ZONE));
        json.put("severity", r.get(SEVERITY));
        json.put("enabled", r.get(ENABLED));
        try {
            json.put("dimensions", Json.parse(r.get(DIMENSIONS).data()));
            json.put("filters", Json.parse(r.get(FILTERS).data()));
            json.put("condition", Json.parse(r.get(CONDITION).data()));
            return new AlertRule(r.get(ID), AlertRuleDraft.fromJson(json), r.get(CREATED_AT), r.get(UPDATED_AT));
        } catch (AnalyticsException | Json.JsonException e) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "alert rule " + name + " is unreadable: " + e.getMessage());
        }
    }

    private static <T> T translated(String action, AlertRuleDraft draft, Supplier<T> query) {
        try {
            return query.get();
        } catch (DataAccessException e) {
            if (draft != null && UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS,
                        "an alert rule named '" + draft.name() + "' exists already", null, "/name", e);
            }
            throw MetadataSql.unavailable(action, e);
        }
    }
}
