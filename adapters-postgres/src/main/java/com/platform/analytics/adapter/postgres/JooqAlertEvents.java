package com.platform.analytics.adapter.postgres;

import static com.platform.analytics.adapter.postgres.MetadataSql.translated;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.alert.AlertEvent;
import com.platform.analytics.domain.alert.AlertSeverity;
import com.platform.analytics.domain.alert.AlertStatus;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.AlertEventStore;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link AlertEventStore} over the {@code alert_events} table (migration V8). Opening inserts with
 * {@code ON CONFLICT DO NOTHING} against the partial unique index of FIRING events: of two evaluations racing to open
 * the same alert, the second waits for the first's transaction and then inserts nothing, so it appends no
 * announcement either (the event and its {@code alert.triggered} are one transaction).
 */
public final class JooqAlertEvents implements AlertEventStore {
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final Table<Record> ALERT_EVENTS = table(name("alert_events"));
    private static final Field<UUID> ID = field(name("id"), SQLDataType.UUID);
    private static final Field<UUID> RULE_ID = field(name("rule_id"), SQLDataType.UUID);
    private static final Field<String> RULE_NAME = field(name("rule_name"), SQLDataType.VARCHAR);
    private static final Field<String> METRIC_NAME = field(name("metric_name"), SQLDataType.VARCHAR);
    private static final Field<String> SERIES_KEY = field(name("series_key"), SQLDataType.CLOB);
    private static final Field<JSONB> DIMENSIONS = field(name("dimensions"), SQLDataType.JSONB);
    private static final Field<String> STATUS = field(name("status"), SQLDataType.VARCHAR);
    private static final Field<LocalDate> PERIOD_START = field(name("period_start"), SQLDataType.LOCALDATE);
    private static final Field<Double> OBSERVED = field(name("observed_value"), SQLDataType.DOUBLE);
    private static final Field<Double> THRESHOLD = field(name("threshold_value"), SQLDataType.DOUBLE);
    private static final Field<Double> EXPECTED = field(name("expected_value"), SQLDataType.DOUBLE);
    private static final Field<Double> DEVIATION = field(name("deviation"), SQLDataType.DOUBLE);
    private static final Field<String> SEVERITY = field(name("severity"), SQLDataType.VARCHAR);
    private static final Field<String> DESCRIPTION = field(name("description"), SQLDataType.CLOB);
    private static final Field<Instant> TRIGGERED_AT = field(name("triggered_at"), SQLDataType.INSTANT);
    private static final Field<Instant> RESOLVED_AT = field(name("resolved_at"), SQLDataType.INSTANT);
    private static final List<Field<?>> COLUMNS = List.of(ID, RULE_ID, RULE_NAME, METRIC_NAME, SERIES_KEY, DIMENSIONS, STATUS,
            PERIOD_START, OBSERVED, THRESHOLD, EXPECTED, DEVIATION, SEVERITY, DESCRIPTION, TRIGGERED_AT, RESOLVED_AT);
    private static final String FIRING = AlertStatus.FIRING.wireName();

    private final DSLContext sql;

    @Inject
    public JooqAlertEvents(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public Optional<AlertEvent> open(AlertEvent event, OutgoingEvent announcement) {
        requireNonNull(event, "event is null");
        requireNonNull(announcement, "announcement is null");
        if (event.status() != AlertStatus.FIRING) {
            throw new IllegalArgumentException("an event is opened FIRING, got " + event.status());
        }
        try {
            return translated("open an alert event of rule " + event.ruleId(), () -> sql.transactionResult(tx -> {
                Optional<AlertEvent> opened = tx.dsl().insertInto(ALERT_EVENTS)
                        .set(ID, event.id())
                        .set(RULE_ID, event.ruleId())
                        .set(RULE_NAME, event.ruleName())
                        .set(METRIC_NAME, event.metricName())
                        .set(SERIES_KEY, event.seriesKey())
                        .set(DIMENSIONS, JSONB.valueOf(Json.write(event.dimensions())))
                        .set(STATUS, FIRING)
                        .set(PERIOD_START, event.period())
                        .set(OBSERVED, event.observedValue())
                        .set(THRESHOLD, event.thresholdValue())
                        .set(EXPECTED, event.expectedValue())
                        .set(DEVIATION, event.deviation())
                        .set(SEVERITY, event.severity().wireName())
                        .set(DESCRIPTION, event.description())
                        .set(TRIGGERED_AT, event.triggeredAt())
                        // the partial unique index of FIRING events: another evaluation opened it first
                        .onConflict(RULE_ID, SERIES_KEY).where(STATUS.eq(FIRING)).doNothing()
                        .returningResult(COLUMNS)
                        .fetchOptional(JooqAlertEvents::toEvent);
                if (opened.isPresent()) {
                    JooqOutbox.append(tx.dsl(), announcement);
                }
                return opened;
            }));
        } catch (AnalyticsException e) {
            if (e.getCause() instanceof DataAccessException d && FOREIGN_KEY_VIOLATION.equals(d.sqlState())) {
                // the rule was deleted while it was evaluated: nothing to open
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<AlertEvent> firing(UUID ruleId, String seriesKey) {
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(seriesKey, "seriesKey is null");
        return translated("read the firing alert of rule " + ruleId, () -> sql.select(COLUMNS).from(ALERT_EVENTS)
                .where(RULE_ID.eq(ruleId).and(SERIES_KEY.eq(seriesKey)).and(STATUS.eq(FIRING)))
                .fetchOptional(JooqAlertEvents::toEvent));
    }

    @Override
    public Optional<AlertEvent> resolve(UUID eventId, Instant resolvedAt) {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(resolvedAt, "resolvedAt is null");
        return translated("resolve alert event " + eventId, () -> sql.update(ALERT_EVENTS)
                .set(STATUS, AlertStatus.RESOLVED.wireName())
                .set(RESOLVED_AT, resolvedAt)
                .where(ID.eq(eventId).and(STATUS.eq(FIRING)))
                .returningResult(COLUMNS)
                .fetchOptional(JooqAlertEvents::toEvent));
    }

    @Override
    public List<AlertEvent> list(Optional<AlertStatus> status, long offset, int limit) {
        requireNonNull(status, "status is null");
        Condition where = status.map(s -> STATUS.eq(s.wireName())).orElse(DSL.noCondition());
        return translated("list alert events", () -> sql.select(COLUMNS).from(ALERT_EVENTS).where(where)
                .orderBy(TRIGGERED_AT.desc(), ID).limit(limit).offset(offset)
                .fetch(JooqAlertEvents::toEvent));
    }

    @SuppressWarnings("unchecked")
    private static AlertEvent toEvent(Record r) {
        try {
            Map<String, String> dimensions = new LinkedHashMap<>();
            ((Map<String, Object>) Json.parse(r.get(DIMENSIONS).data())).forEach((k, v) -> dimensions.put(k, v == Json.NULL ? null : (String) v));
            return new AlertEvent(r.get(ID), r.get(RULE_ID), r.get(RULE_NAME), r.get(METRIC_NAME), r.get(SERIES_KEY), dimensions,
                    AlertStatus.parse(r.get(STATUS)), r.get(PERIOD_START), r.get(OBSERVED), r.get(THRESHOLD), r.get(EXPECTED),
                    r.get(DEVIATION), AlertSeverity.parse(r.get(SEVERITY)), r.get(DESCRIPTION), r.get(TRIGGERED_AT),
                    r.get(RESOLVED_AT));
        } catch (RuntimeException e) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "alert event " + r.get(ID) + " is unreadable: " + e.getMessage());
        }
    }

}
