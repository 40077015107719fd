package com.platform.analytics.adapter.postgres;

import static com.platform.analytics.adapter.postgres.MetadataSql.translated;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ReportInstance;
import com.platform.analytics.domain.report.ReportStatus;
import com.platform.analytics.port.out.ReportInstanceStore;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Collection;
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

/**
 * {@link ReportInstanceStore} over {@code report_instances} (spec 4.2.1, V6), through jOOQ. Every state change is
 * an UPDATE conditioned on the state it leaves, so two writers (a worker, a restart's recovery) cannot both win;
 * the terminal changes append their {@code report.generated} event to the outbox in the same transaction.
 */
public final class JooqReportInstances implements ReportInstanceStore {
    private static final Table<Record> REPORT_INSTANCES = table(name("report_instances"));
    private static final Table<Record> REPORT_DEFINITIONS = table(name("report_definitions"));
    private static final Field<UUID> ID = field(name("report_instances", "id"), SQLDataType.UUID);
    private static final Field<UUID> DEFINITION_ID = field(name("report_instances", "report_definition_id"), SQLDataType.UUID);
    private static final Field<UUID> DEFINITIONS_ID = field(name("report_definitions", "id"), SQLDataType.UUID);
    private static final Field<String> DEFINITION_NAME = field(name("report_definitions", "name"), SQLDataType.VARCHAR);
    private static final Field<Instant> REQUESTED_AT = field(name("generation_requested_at"), SQLDataType.INSTANT);
    private static final Field<Instant> STARTED_AT = field(name("generation_started_at"), SQLDataType.INSTANT);
    private static final Field<Instant> COMPLETED_AT = field(name("generation_completed_at"), SQLDataType.INSTANT);
    private static final Field<String> STATUS = field(name("status"), SQLDataType.VARCHAR);
    private static final Field<JSONB> PARAMETERS_USED = field(name("parameters_used"), SQLDataType.JSONB);
    private static final Field<String> OUTPUT_FORMAT = field(name("output_format"), SQLDataType.VARCHAR);
    private static final Field<String> FILE_PATH = field(name("file_path_s3"), SQLDataType.VARCHAR);
    private static final Field<Long> FILE_SIZE = field(name("file_size_bytes"), SQLDataType.BIGINT);
    private static final Field<String> ERROR_MESSAGE = field(name("error_message"), SQLDataType.CLOB);
    private static final Field<UUID> REQUESTED_BY_USER_ID = field(name("requested_by_user_id"), SQLDataType.UUID);
    private static final Field<String> REQUESTED_BY_SUBJECT = field(name("requested_by_subject"), SQLDataType.VARCHAR);
    private static final Field<String> DEVELOPER_ID = field(name("developer_id"), SQLDataType.VARCHAR);
    private static final Field<Instant> EXPIRES_AT = field(name("expires_at"), SQLDataType.INSTANT);
    private static final Field<String> OWNER_INSTANCE = field(name("owner_instance"), SQLDataType.VARCHAR);
    private static final Field<Instant> HEARTBEAT_AT = field(name("heartbeat_at"), SQLDataType.INSTANT);
    private static final List<String> UNFINISHED = List.of(ReportStatus.REQUESTED.wireName(), ReportStatus.GENERATING.wireName());
    private static final List<Field<?>> COLUMNS = List.of(ID, DEFINITION_ID, DEFINITION_NAME, STATUS, PARAMETERS_USED,
            OUTPUT_FORMAT, REQUESTED_AT, STARTED_AT, COMPLETED_AT, FILE_PATH, FILE_SIZE, ERROR_MESSAGE, REQUESTED_BY_SUBJECT,
            DEVELOPER_ID, EXPIRES_AT);

    private final DSLContext sql;

    @Inject
    public JooqReportInstances(DataSource dataSource) {
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public void create(ReportInstance i) {
        requireNonNull(i, "instance is null");
        translated("create report instance " + i.id(), () -> sql.insertInto(REPORT_INSTANCES)
                .set(field(name("id"), SQLDataType.UUID), i.id())
                .set(field(name("report_definition_id"), SQLDataType.UUID), i.definitionId())
                .set(STATUS, i.status().wireName())
                .set(PARAMETERS_USED, JSONB.valueOf(Json.write(i.parameters())))
                .set(OUTPUT_FORMAT, i.format().wireName())
                .set(REQUESTED_AT, i.requestedAt())
                .set(STARTED_AT, i.startedAt())
                .set(COMPLETED_AT, i.completedAt())
                .set(FILE_PATH, i.filePath())
                .set(FILE_SIZE, i.fileSizeBytes())
                .set(ERROR_MESSAGE, i.errorMessage())
                .set(REQUESTED_BY_USER_ID, uuidOrNull(i.requestedBy()))
                .set(REQUESTED_BY_SUBJECT, i.requestedBy())
                .set(DEVELOPER_ID, i.developerId().orElse(null))
                .set(EXPIRES_AT, i.expiresAt())
                .set(HEARTBEAT_AT, i.requestedAt())
                .execute());
    }

    @Override
    public Optional<ReportInstance> find(UUID id) {
        requireNonNull(id, "id is null");
        return translated("read report instance " + id, () -> select(ID.eq(id)).fetchOptional(JooqReportInstances::toInstance));
    }

    @Override
    public void heartbeat(Collection<UUID> ids, String owner, Instant at) {
        requireNonNull(owner, "owner is null");
        requireNonNull(at, "at is null");
        if (ids.isEmpty()) {
            return;
        }
        translated("record that " + ids.size() + " report instance(s) are alive", () -> sql.update(REPORT_INSTANCES)
                .set(OWNER_INSTANCE, owner)
                .set(HEARTBEAT_AT, at)
                .where(field(name("id"), SQLDataType.UUID).in(ids).and(STATUS.in(UNFINISHED)))
                .execute());
    }

    @Override
    public List<ReportInstance> abandoned(Instant beatBefore) {
        requireNonNull(beatBefore, "beatBefore is null");
        return translated("list abandoned report instances", () -> select(STATUS.in(UNFINISHED)
                .and(DSL.coalesce(HEARTBEAT_AT, REQUESTED_AT).lt(beatBefore)))
                .orderBy(REQUESTED_AT, ID).fetch(JooqReportInstances::toInstance));
    }

    @Override
    public List<ReportInstance> findByStatus(ReportStatus status) {
        requireNonNull(status, "status is null");
        return translated("list " + status.wireName() + " report instances", () -> select(STATUS.eq(status.wireName()))
                .orderBy(REQUESTED_AT, ID).fetch(JooqReportInstances::toInstance));
    }

    @Override
    public List<ReportInstance> expiredFiles(Instant now, int limit) {
        requireNonNull(now, "now is null");
        return translated("list expired report files", () -> select(STATUS.eq(ReportStatus.COMPLETED.wireName())
                .and(FILE_PATH.isNotNull()).and(EXPIRES_AT.le(now)))
                .orderBy(EXPIRES_AT, ID).limit(limit).fetch(JooqReportInstances::toInstance));
    }

    @Override
    public boolean forgetFile(UUID id) {
        return translated("forget the file of report instance " + id, () -> sql.update(REPORT_INSTANCES)
                .set(FILE_PATH, (String) null)
                .set(FILE_SIZE, (Long) null)
                .where(field(name("id"), SQLDataType.UUID).eq(id).and(FILE_PATH.isNotNull()))
                .execute() == 1);
    }

    @Override
    public boolean markGenerating(UUID id, Instant startedAt) {
        return translated("start report instance " + id, () -> sql.update(REPORT_INSTANCES)
                .set(STATUS, ReportStatus.GENERATING.wireName())
                .set(STARTED_AT, startedAt)
                .where(field(name("id"), SQLDataType.UUID).eq(id).and(STATUS.eq(ReportStatus.REQUESTED.wireName())))
                .execute() == 1);
    }

    @Override
    public boolean markCompleted(UUID id, Instant completedAt, String filePath, long sizeBytes, OutgoingEvent announcement) {
        requireNonNull(announcement, "announcement is null");
        return translated("complete report instance " + id, () -> sql.transactionResult(tx -> {
            boolean changed = tx.dsl().update(REPORT_INSTANCES)
                    .set(STATUS, ReportStatus.COMPLETED.wireName())
                    .set(COMPLETED_AT, completedAt)
                    .set(FILE_PATH, filePath)
                    .set(FILE_SIZE, sizeBytes)
                    .where(field(name("id"), SQLDataType.UUID).eq(id).and(STATUS.eq(ReportStatus.GENERATING.wireName())))
                    .execute() == 1;
            if (changed) {
                JooqOutbox.append(tx.dsl(), announcement);
            }
            return changed;
        }));
    }

    @Override
    public boolean markFailed(UUID id, Instant completedAt, String errorMessage, OutgoingEvent announcement) {
        requireNonNull(announcement, "announcement is null");
        return translated("fail report instance " + id, () -> sql.transactionResult(tx -> {
            boolean changed = tx.dsl().update(REPORT_INSTANCES)
                    .set(STATUS, ReportStatus.FAILED.wireName())
                    .set(COMPLETED_AT, completedAt)
                    .set(ERROR_MESSAGE, errorMessage)
                    .where(field(name("id"), SQLDataType.UUID).eq(id).and(STATUS.in(ReportStatus.REQUESTED.wireName(),
                            ReportStatus.GENERATING.wireName())))
                    .execute() == 1;
            if (changed) {
                JooqOutbox.append(tx.dsl(), announcement);
            }
            return changed;
        }));
    }

    @Override
    public boolean markCancelled(UUID id, Instant at, String reason) {
        return translated("cancel report instance " + id, () -> sql.update(REPORT_INSTANCES)
                .set(STATUS, ReportStatus.CANCELLED.wireName())
                .set(COMPLETED_AT, at)
                .set(ERROR_MESSAGE, reason)
                .where(field(name("id"), SQLDataType.UUID).eq(id).and(STATUS.eq(ReportStatus.REQUESTED.wireName())))
                .execute() == 1);
    }

    private org.jooq.SelectConditionStep<Record> select(Condition condition) {
        return sql.select(COLUMNS).from(REPORT_INSTANCES).join(REPORT_DEFINITIONS).on(DEFINITION_ID.eq(DEFINITIONS_ID))
                .where(condition);
    }

    private static ReportInstance toInstance(Record r) {
        Map<String, String> parameters = new LinkedHashMap<>();
        JSONB stored = r.get(PARAMETERS_USED);
        if (stored != null) {
            Json.parseObject(stored.data()).forEach((k, v) -> parameters.put(k, String.valueOf(v)));
        }
        String subject = r.get(REQUESTED_BY_SUBJECT);
        return new ReportInstance(r.get(ID), r.get(DEFINITION_ID), r.get(DEFINITION_NAME), ReportStatus.fromWire(r.get(STATUS)),
                parameters, OutputFormat.fromWire(r.get(OUTPUT_FORMAT)).orElse(OutputFormat.CSV), r.get(REQUESTED_AT),
                r.get(STARTED_AT), r.get(COMPLETED_AT), r.get(FILE_PATH), r.get(FILE_SIZE), r.get(ERROR_MESSAGE),
                subject == null ? "" : subject, Optional.ofNullable(r.get(DEVELOPER_ID)), r.get(EXPIRES_AT));
    }

    private static UUID uuidOrNull(String subject) {
        try {
            return subject.length() == 36 ? UUID.fromString(subject) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
