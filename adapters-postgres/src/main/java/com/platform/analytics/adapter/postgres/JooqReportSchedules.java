package com.platform.analytics.adapter.postgres;

import static com.platform.analytics.adapter.postgres.MetadataSql.translated;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ReportSchedule;
import com.platform.analytics.domain.schedule.CronSchedule;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
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
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** {@link com.platform.analytics.port.out.ReportScheduleStore} over {@code report_schedules} (V11), through jOOQ. */
public final class JooqReportSchedules implements com.platform.analytics.port.out.ReportScheduleStore {
    private static final Table<Record> SCHEDULES = table(name("report_schedules"));
    private static final Table<Record> DEFINITIONS = table(name("report_definitions"));
    private static final Field<UUID> ID = field(name("report_schedules", "id"), SQLDataType.UUID);
    private static final Field<UUID> DEFINITION_ID = field(name("report_schedules", "report_definition_id"), SQLDataType.UUID);
    private static final Field<UUID> DEFINITIONS_ID = field(name("report_definitions", "id"), SQLDataType.UUID);
    private static final Field<String> DEFINITION_NAME = field(name("report_definitions", "name"), SQLDataType.VARCHAR);
    private static final Field<String> CRON = field(name("report_schedules", "cron_expression"), SQLDataType.VARCHAR);
    private static final Field<String> TIME_ZONE = field(name("report_schedules", "time_zone"), SQLDataType.VARCHAR);
    private static final Field<JSONB> PARAMETERS = field(name("report_schedules", "parameters"), SQLDataType.JSONB);
    private static final Field<String> OUTPUT_FORMAT = field(name("report_schedules", "output_format"), SQLDataType.VARCHAR);
    private static final Field<String> OWNER = field(name("report_schedules", "owner_subject"), SQLDataType.VARCHAR);
    private static final Field<String> DEVELOPER_ID = field(name("report_schedules", "developer_id"), SQLDataType.VARCHAR);
    private static final Field<Boolean> ENABLED = field(name("report_schedules", "enabled"), SQLDataType.BOOLEAN);
    private static final Field<Instant> CREATED_AT = field(name("report_schedules", "created_at"), SQLDataType.INSTANT);
    private static final Field<Instant> LAST_FIRE_AT = field(name("report_schedules", "last_fire_at"), SQLDataType.INSTANT);
    private static final Field<UUID> LAST_INSTANCE = field(name("report_schedules", "last_report_instance_id"), SQLDataType.UUID);
    private static final Field<String> LAST_ERROR = field(name("report_schedules", "last_error"), SQLDataType.CLOB);
    private static final List<Field<?>> COLUMNS = List.of(ID, DEFINITION_ID, DEFINITION_NAME, CRON, TIME_ZONE, PARAMETERS,
            OUTPUT_FORMAT, OWNER, DEVELOPER_ID, ENABLED, CREATED_AT, LAST_FIRE_AT, LAST_INSTANCE, LAST_ERROR);

    private final DSLContext sql;

    @Inject
    public JooqReportSchedules(DataSource dataSource) {
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public void create(ReportSchedule s) {
        requireNonNull(s, "schedule is null");
        translated("create report schedule " + s.id(), () -> sql.insertInto(SCHEDULES)
                .set(field(name("id"), SQLDataType.UUID), s.id())
                .set(field(name("report_definition_id"), SQLDataType.UUID), s.definitionId())
                .set(CRON, s.schedule().expression())
                .set(TIME_ZONE, s.schedule().zone().getId())
                .set(PARAMETERS, JSONB.valueOf(Json.write(s.parameters())))
                .set(OUTPUT_FORMAT, s.format().wireName())
                .set(OWNER, s.owner())
                .set(field(name("developer_id"), SQLDataType.VARCHAR), s.developerId().orElse(null))
                .set(ENABLED, s.enabled())
                .set(field(name("created_at"), SQLDataType.INSTANT), s.createdAt())
                .set(LAST_FIRE_AT, s.lastFireAt())
                .set(LAST_INSTANCE, s.lastInstanceId())
                .set(LAST_ERROR, s.lastError())
                .execute());
    }

    @Override
    public Optional<ReportSchedule> find(UUID id) {
        requireNonNull(id, "id is null");
        return translated("read report schedule " + id, () -> select(ID.eq(id)).fetchOptional(JooqReportSchedules::toSchedule));
    }

    @Override
    public List<ReportSchedule> list(Optional<String> developerId) {
        requireNonNull(developerId, "developerId is null");
        Condition where = developerId.map(DEVELOPER_ID::eq).orElse(DSL.trueCondition());
        return translated("list report schedules", () -> select(where).orderBy(CREATED_AT, ID)
                .fetch(JooqReportSchedules::toSchedule));
    }

    @Override
    public boolean delete(UUID id) {
        requireNonNull(id, "id is null");
        return translated("delete report schedule " + id, () -> sql.deleteFrom(SCHEDULES)
                .where(field(name("id"), SQLDataType.UUID).eq(id)).execute() == 1);
    }

    @Override
    public boolean markFired(UUID id, Instant previous, Instant fire) {
        requireNonNull(id, "id is null");
        Condition was = previous == null ? LAST_FIRE_AT.isNull() : LAST_FIRE_AT.eq(previous);
        return translated("take a fire of report schedule " + id, () -> sql.update(SCHEDULES)
                .set(LAST_FIRE_AT, fire)
                .where(field(name("id"), SQLDataType.UUID).eq(id).and(was))
                .execute() == 1);
    }

    @Override
    public void recordOutcome(UUID id, UUID instanceId, String error) {
        requireNonNull(id, "id is null");
        translated("record the latest fire of report schedule " + id, () -> sql.update(SCHEDULES)
                .set(LAST_INSTANCE, instanceId)
                .set(LAST_ERROR, error)
                .where(field(name("id"), SQLDataType.UUID).eq(id))
                .execute());
    }

    private org.jooq.SelectConditionStep<Record> select(Condition condition) {
        return sql.select(COLUMNS).from(SCHEDULES).join(DEFINITIONS).on(DEFINITION_ID.eq(DEFINITIONS_ID)).where(condition);
    }

    private static ReportSchedule toSchedule(Record r) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Json.parseObject(r.get(PARAMETERS).data()).forEach((k, v) -> parameters.put(k, String.valueOf(v)));
        return new ReportSchedule(r.get(ID), r.get(DEFINITION_ID), r.get(DEFINITION_NAME),
                CronSchedule.parse(r.get(CRON), ZoneId.of(r.get(TIME_ZONE))), parameters,
                OutputFormat.fromWire(r.get(OUTPUT_FORMAT)).orElse(OutputFormat.CSV), r.get(OWNER),
                Optional.ofNullable(r.get(DEVELOPER_ID)), r.get(ENABLED), r.get(CREATED_AT), r.get(LAST_FIRE_AT),
                r.get(LAST_INSTANCE), r.get(LAST_ERROR));
    }

}
