package com.platform.analytics.adapter.postgres;

import static com.platform.analytics.adapter.postgres.MetadataSql.translated;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunFilter;
import com.platform.analytics.domain.schedule.PipelineRunKey;
import com.platform.analytics.domain.schedule.PipelineRunStatus;
import com.platform.analytics.port.out.PipelineRunStore;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
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
 * {@link PipelineRunStore} over the spec's {@code data_pipeline_runs} table (spec 4.2.1), through jOOQ. The table's
 * status values are the spec's ({@code running, completed, failed, skipped, manual_run}): a run that succeeded is
 * stored as {@code completed}, so the spec's CHECK constraint stays as it is. The error summary goes to
 * {@code logs_summary}. Times are kept to the microsecond (PostgreSQL's precision).
 */
public final class JooqPipelineRunStore implements PipelineRunStore {
    private static final Table<Record> RUNS = table(name("data_pipeline_runs"));
    private static final Field<UUID> ID = field(name("id"), SQLDataType.UUID);
    private static final Field<String> PIPELINE_NAME = field(name("pipeline_name"), SQLDataType.VARCHAR);
    private static final Field<Instant> START_TIME = field(name("start_time"), SQLDataType.INSTANT);
    private static final Field<Instant> END_TIME = field(name("end_time"), SQLDataType.INSTANT);
    private static final Field<String> STATUS = field(name("status"), SQLDataType.VARCHAR);
    private static final Field<JSONB> PARAMETERS = field(name("parameters"), SQLDataType.JSONB);
    private static final Field<String> LOGS_SUMMARY = field(name("logs_summary"), SQLDataType.CLOB);
    private static final Field<Long> PROCESSED = field(name("processed_records_count"), SQLDataType.BIGINT);
    private static final Field<Instant> HEARTBEAT_AT = field(name("heartbeat_at"), SQLDataType.INSTANT);
    private static final List<Field<?>> COLUMNS = List.of(ID, PIPELINE_NAME, START_TIME, END_TIME, STATUS, PARAMETERS,
            LOGS_SUMMARY, PROCESSED);

    private final DSLContext sql;

    @Inject
    public JooqPipelineRunStore(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public UUID start(String pipelineName, Instant startedAt, Map<String, Object> parameters) {
        requireNonNull(pipelineName, "pipelineName is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(parameters, "parameters is null");
        return translated("record the start of a run of " + pipelineName, () -> sql.insertInto(RUNS)
                .set(PIPELINE_NAME, pipelineName)
                .set(START_TIME, startedAt)
                .set(HEARTBEAT_AT, startedAt)
                .set(STATUS, stored(PipelineRunStatus.RUNNING))
                .set(PARAMETERS, JSONB.valueOf(Json.write(parameters)))
                .returningResult(ID)
                .fetchOne(r -> r.get(ID)));
    }

    @Override
    public boolean finish(UUID id, PipelineRunStatus status, Instant finishedAt, long processedRecords, String errorSummary) {
        requireNonNull(id, "id is null");
        requireNonNull(status, "status is null");
        requireNonNull(finishedAt, "finishedAt is null");
        if (!status.finished()) {
            throw new IllegalArgumentException("a run finishes with a finished status, not " + status.wireName());
        }
        int updated = translated("record the end of run " + id, () -> sql.update(RUNS)
                .set(STATUS, stored(status))
                .set(END_TIME, finishedAt)
                .set(PROCESSED, processedRecords)
                .set(LOGS_SUMMARY, PipelineRun.summary(errorSummary))
                .where(ID.eq(id)).and(STATUS.eq(stored(PipelineRunStatus.RUNNING)))
                .execute());
        return updated == 1;
    }

    @Override
    public void heartbeat(Collection<UUID> ids, Instant at) {
        requireNonNull(at, "at is null");
        if (ids.isEmpty()) {
            return;
        }
        translated("record that " + ids.size() + " run(s) are alive", () -> sql.update(RUNS)
                .set(HEARTBEAT_AT, at)
                .where(ID.in(ids)).and(STATUS.eq(stored(PipelineRunStatus.RUNNING)))
                .execute());
    }

    @Override
    public int failAbandoned(Instant beatBefore, Instant at, String errorSummary) {
        requireNonNull(beatBefore, "beatBefore is null");
        requireNonNull(at, "at is null");
        return translated("fail abandoned runs", () -> sql.update(RUNS)
                .set(STATUS, stored(PipelineRunStatus.FAILED))
                .set(END_TIME, at)
                .set(LOGS_SUMMARY, PipelineRun.summary(errorSummary))
                .where(STATUS.eq(stored(PipelineRunStatus.RUNNING)))
                .and(DSL.coalesce(HEARTBEAT_AT, START_TIME).lt(beatBefore))
                .execute());
    }

    @Override
    public Optional<PipelineRun> find(UUID id) {
        requireNonNull(id, "id is null");
        return translated("read run " + id, () -> sql.select(COLUMNS).from(RUNS).where(ID.eq(id))
                .fetchOptional(JooqPipelineRunStore::toRun));
    }

    @Override
    public List<PipelineRun> list(PipelineRunFilter filter, Optional<PipelineRunKey> after, int limit) {
        requireNonNull(filter, "filter is null");
        requireNonNull(after, "after is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        List<Condition> where = new ArrayList<>();
        filter.pipelineName().ifPresent(n -> where.add(PIPELINE_NAME.eq(n)));
        filter.status().ifPresent(s -> where.add(STATUS.eq(stored(s))));
        filter.from().ifPresent(f -> where.add(START_TIME.ge(f)));
        filter.to().ifPresent(t -> where.add(START_TIME.lt(t)));
        // newest first, continuing strictly after the last run of the previous page (row comparison, one index range)
        after.ifPresent(k -> where.add(DSL.row(START_TIME, ID).lt(k.startedAt(), k.id())));
        return translated("list pipeline runs", () -> sql.select(COLUMNS).from(RUNS).where(where)
                .orderBy(START_TIME.desc(), ID.desc()).limit(limit).fetch(JooqPipelineRunStore::toRun));
    }

    private static PipelineRun toRun(Record r) {
        JSONB parameters = r.get(PARAMETERS);
        Map<String, Object> params = parameters == null ? Map.of() : Json.parseObject(parameters.data());
        return new PipelineRun(r.get(ID), r.get(PIPELINE_NAME), status(r.get(STATUS)), r.get(START_TIME), r.get(END_TIME),
                r.get(PROCESSED), params, r.get(LOGS_SUMMARY));
    }

    static String stored(PipelineRunStatus status) {
        return status == PipelineRunStatus.SUCCEEDED ? "completed" : status.wireName();
    }

    static PipelineRunStatus status(String stored) {
        return switch (stored) {
            case "completed" -> PipelineRunStatus.SUCCEEDED;
            case "running" -> PipelineRunStatus.RUNNING;
            case "failed" -> PipelineRunStatus.FAILED;
            case "skipped" -> PipelineRunStatus.SKIPPED;
            // manual_run is in the spec's CHECK but names no end; nothing here writes it
            default -> throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "metadata store: a pipeline run has the status '" + stored + "', which this service does not know");
        };
    }

}
