package com.platform.analytics.adapter.postgres;

import static com.platform.analytics.adapter.postgres.MetadataSql.unavailable;

import static com.platform.analytics.adapter.postgres.MetadataSql.translated;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.port.out.ModelRegistryStore;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
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
import org.jooq.impl.SQLDataType;
import org.postgresql.util.PSQLException;

/**
 * {@link ModelRegistryStore} over {@code ml_model_metadata} (V1, extended by V9) and {@code ml_model_stage_changes}
 * (V9), through jOOQ. Schemas, hyperparameters and metrics are JSONB written and read by the domain's {@link Json}; a
 * row this version cannot read fails loudly rather than half-read.
 *
 * <p>{@link #apply} is compare-and-set in one transaction: each change updates its version only while it is still in
 * the change's {@code from} stage, and the partial unique index {@code ml_model_metadata_one_production} keeps one
 * production version per name. Either refusing rolls everything back and answers false: the caller re-reads and
 * decides again.
 */
public final class PostgresModelRegistryStore implements ModelRegistryStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String ONE_PRODUCTION_INDEX = "ml_model_metadata_one_production";

    private static final Table<Record> MODELS = table(name("ml_model_metadata"));
    private static final Field<UUID> ID = field(name("id"), SQLDataType.UUID);
    private static final Field<String> NAME = field(name("model_name"), SQLDataType.VARCHAR);
    private static final Field<String> VERSION = field(name("model_version"), SQLDataType.VARCHAR);
    private static final Field<String> FORMAT = field(name("model_format"), SQLDataType.VARCHAR);
    private static final Field<String> DESCRIPTION_RU = field(name("description_ru"), SQLDataType.CLOB);
    private static final Field<String> DESCRIPTION_EN = field(name("description_en"), SQLDataType.CLOB);
    private static final Field<String> ALGORITHM = field(name("algorithm"), SQLDataType.VARCHAR);
    private static final Field<JSONB> HYPERPARAMETERS = field(name("hyperparameters"), SQLDataType.JSONB);
    private static final Field<String> DATASET = field(name("training_dataset_ref"), SQLDataType.VARCHAR);
    private static final Field<JSONB> METRICS = field(name("performance_metrics"), SQLDataType.JSONB);
    private static final Field<String> ARTIFACT = field(name("artifact_path"), SQLDataType.VARCHAR);
    private static final Field<String> STATUS = field(name("deployment_status"), SQLDataType.VARCHAR);
    private static final Field<JSONB> INPUTS = field(name("input_schema"), SQLDataType.JSONB);
    private static final Field<JSONB> OUTPUTS = field(name("output_schema"), SQLDataType.JSONB);
    private static final Field<String> REGISTERED_BY = field(name("registered_by"), SQLDataType.CLOB);
    private static final Field<Instant> TRAINED_AT = field(name("trained_at"), SQLDataType.INSTANT);
    private static final Field<Instant> CREATED_AT = field(name("created_at"), SQLDataType.INSTANT);
    private static final Field<Instant> UPDATED_AT = field(name("updated_at"), SQLDataType.INSTANT);
    private static final List<Field<?>> COLUMNS = List.of(ID, NAME, VERSION, FORMAT, DESCRIPTION_RU, DESCRIPTION_EN,
            ALGORITHM, HYPERPARAMETERS, DATASET, METRICS, ARTIFACT, STATUS, INPUTS, OUTPUTS, REGISTERED_BY, TRAINED_AT,
            CREATED_AT, UPDATED_AT);

    private static final Table<Record> CHANGES = table(name("ml_model_stage_changes"));
    private static final Field<Long> CHANGE_ID = field(name("id"), SQLDataType.BIGINT);
    private static final Field<UUID> MODEL_ID = field(name("model_id"), SQLDataType.UUID);
    private static final Field<String> CHANGE_NAME = field(name("model_name"), SQLDataType.VARCHAR);
    private static final Field<String> CHANGE_VERSION = field(name("model_version"), SQLDataType.VARCHAR);
    private static final Field<String> FROM = field(name("from_status"), SQLDataType.VARCHAR);
    private static final Field<String> TO = field(name("to_status"), SQLDataType.VARCHAR);
    private static final Field<String> ACTOR = field(name("actor"), SQLDataType.CLOB);
    private static final Field<String> REASON = field(name("reason"), SQLDataType.CLOB);
    private static final Field<Instant> CHANGED_AT = field(name("changed_at"), SQLDataType.INSTANT);
    private static final List<Field<?>> CHANGE_COLUMNS = List.of(MODEL_ID, CHANGE_NAME, CHANGE_VERSION, FROM, TO, ACTOR,
            REASON, CHANGED_AT);

    private final DSLContext sql;

    @Inject
    public PostgresModelRegistryStore(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public void insert(ModelVersion version, StageChange registration) {
        requireNonNull(version, "version is null");
        requireNonNull(registration, "registration is null");
        if (!registration.modelId().equals(version.id())) {
            throw new IllegalArgumentException("the registration records version " + registration.modelId()
                    + ", not " + version.id());
        }
        try {
            sql.transaction(tx -> {
                tx.dsl().insertInto(MODELS)
                        .set(ID, version.id())
                        .set(NAME, version.name())
                        .set(VERSION, version.version())
                        .set(FORMAT, version.format().wireName())
                        .set(DESCRIPTION_RU, version.descriptionRu())
                        .set(DESCRIPTION_EN, version.descriptionEn())
                        .set(ALGORITHM, version.algorithm())
                        .set(HYPERPARAMETERS, jsonb(version.hyperparameters()))
                        .set(DATASET, version.trainingDatasetRef())
                        .set(METRICS, jsonb(version.performanceMetrics()))
                        .set(ARTIFACT, version.artifactPath())
                        .set(STATUS, version.stage().wireName())
                        .set(INPUTS, jsonb(version.signature().inputsJson()))
                        .set(OUTPUTS, jsonb(version.signature().outputsJson()))
                        .set(REGISTERED_BY, version.registeredBy())
                        .set(TRAINED_AT, version.trainedAt())
                        .set(CREATED_AT, version.createdAt())
                        .set(UPDATED_AT, version.updatedAt())
                        .execute();
                record(tx.dsl(), List.of(registration));
            });
        } catch (DataAccessException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                String detail = ONE_PRODUCTION_INDEX.equals(constraint(e))
                        ? "model '" + version.name() + "' has a production version already"
                        : "model '" + version.name() + "' has a version '" + version.version() + "' already";
                throw new AnalyticsException(ErrorCode.CONFLICT, detail, null, "/version", e);
            }
            throw unavailable("register model " + version.name() + " version " + version.version(), e);
        }
    }

    @Override
    public Optional<ModelVersion> find(UUID id) {
        requireNonNull(id, "id is null");
        return translated("read model version " + id, () -> sql.select(COLUMNS).from(MODELS).where(ID.eq(id))
                .fetchOptional(PostgresModelRegistryStore::toVersion));
    }

    @Override
    public Optional<ModelVersion> find(String name, String version) {
        requireNonNull(name, "name is null");
        requireNonNull(version, "version is null");
        return translated("read model " + name + " version " + version, () -> sql.select(COLUMNS).from(MODELS)
                .where(NAME.eq(name).and(VERSION.eq(version)))
                .fetchOptional(PostgresModelRegistryStore::toVersion));
    }

    @Override
    public List<ModelVersion> list(Optional<String> name, Optional<ModelStage> stage) {
        requireNonNull(name, "name is null");
        requireNonNull(stage, "stage is null");
        List<Condition> where = new ArrayList<>();
        name.ifPresent(n -> where.add(NAME.eq(n)));
        stage.ifPresent(s -> where.add(STATUS.eq(s.wireName())));
        return translated("list model versions", () -> sql.select(COLUMNS).from(MODELS).where(where)
                .orderBy(CREATED_AT.desc(), ID)
                .fetch(PostgresModelRegistryStore::toVersion));
    }

    @Override
    public Optional<ModelVersion> production(String name) {
        requireNonNull(name, "name is null");
        return translated("read the production version of model " + name, () -> sql.select(COLUMNS).from(MODELS)
                .where(NAME.eq(name).and(STATUS.eq(ModelStage.PRODUCTION.wireName())))
                .fetchOptional(PostgresModelRegistryStore::toVersion));
    }

    @Override
    public boolean apply(List<StageChange> changes) {
        requireNonNull(changes, "changes is null");
        for (StageChange c : changes) {
            if (c.from() == null) {
                throw new IllegalArgumentException("a stage change of version " + c.modelId()
                        + " needs the stage it leaves; a registration is recorded by insert");
            }
        }
        if (changes.isEmpty()) {
            return true;
        }
        try {
            sql.transaction(tx -> {
                for (StageChange c : changes) {
                    int updated = tx.dsl().update(MODELS)
                            .set(STATUS, c.to().wireName())
                            .set(UPDATED_AT, c.at())
                            .where(ID.eq(c.modelId()).and(STATUS.eq(c.from().wireName())))
                            .execute();
                    if (updated == 0) {
                        // thrown out of the transaction, which rolls back the changes made so far
                        throw new StageMoved();
                    }
                }
                record(tx.dsl(), changes);
            });
            return true;
        } catch (StageMoved e) {
            return false;
        } catch (DataAccessException e) {
            if (e.getCause() instanceof StageMoved) {
                return false;
            }
            if (UNIQUE_VIOLATION.equals(e.sqlState()) && ONE_PRODUCTION_INDEX.equals(constraint(e))) {
                // another version was promoted concurrently: this promotion was decided on a stale read
                return false;
            }
            throw unavailable("change the stage of model " + changes.get(0).modelName(), e);
        }
    }

    @Override
    public List<StageChange> history(String name) {
        requireNonNull(name, "name is null");
        return translated("read the history of model " + name, () -> sql.select(CHANGE_COLUMNS).from(CHANGES)
                .where(CHANGE_NAME.eq(name))
                .orderBy(CHANGED_AT, CHANGE_ID)
                .fetch(PostgresModelRegistryStore::toChange));
    }

    private static void record(DSLContext tx, List<StageChange> changes) {
        var insert = tx.insertInto(CHANGES, CHANGE_COLUMNS);
        for (StageChange c : changes) {
            insert = insert.values(c.modelId(), c.modelName(), c.version(), c.from() == null ? null : c.from().wireName(),
                    c.to().wireName(), c.actor(), c.reason(), c.at());
        }
        insert.execute();
    }

    /** The refusal of one compare-and-set update, to roll the transaction back. */
    private static final class StageMoved extends RuntimeException {
        StageMoved() {
            super("a version was no longer in the stage a change expected", null, false, false);
        }
    }

    private static JSONB jsonb(Object value) {
        return JSONB.valueOf(Json.write(value));
    }

    private static ModelVersion toVersion(Record r) {
        UUID id = r.get(ID);
        try {
            ModelFormat format = ModelFormat.fromWire(r.get(FORMAT))
                    .orElseThrow(() -> new IllegalArgumentException("unknown format '" + r.get(FORMAT) + "'"));
            ModelStage stage = ModelStage.fromWire(r.get(STATUS))
                    .orElseThrow(() -> new IllegalArgumentException("unknown stage '" + r.get(STATUS) + "'"));
            ModelSignature signature = ModelSignature.fromJson(list(r.get(INPUTS), "input_schema"),
                    r.get(OUTPUTS) == null ? List.of() : list(r.get(OUTPUTS), "output_schema"));
            // registered_by is V9's: a row from before it (written by hand) has none
            String registeredBy = r.get(REGISTERED_BY) == null ? "unknown" : r.get(REGISTERED_BY);
            return new ModelVersion(id, r.get(NAME), r.get(VERSION), format, r.get(DESCRIPTION_RU),
                    r.get(DESCRIPTION_EN), r.get(ALGORITHM), object(r.get(HYPERPARAMETERS)), r.get(DATASET),
                    object(r.get(METRICS)), r.get(ARTIFACT), stage, signature, registeredBy, r.get(TRAINED_AT),
                    r.get(CREATED_AT), r.get(UPDATED_AT));
        } catch (RuntimeException e) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "model version " + id + " is unreadable: "
                    + e.getMessage(), null, null, e);
        }
    }

    private static Map<String, Object> object(JSONB value) {
        return value == null ? Map.of() : Json.parseObject(value.data());
    }

    private static List<?> list(JSONB value, String column) {
        if (value == null || !(Json.parse(value.data()) instanceof List<?> list)) {
            throw new IllegalArgumentException(column + " is not a JSON array");
        }
        return list;
    }

    private static StageChange toChange(Record r) {
        try {
            return new StageChange(r.get(MODEL_ID), r.get(CHANGE_NAME), r.get(CHANGE_VERSION),
                    r.get(FROM) == null ? null : ModelStage.fromWire(r.get(FROM)).orElseThrow(),
                    ModelStage.fromWire(r.get(TO)).orElseThrow(), r.get(ACTOR), r.get(REASON), r.get(CHANGED_AT));
        } catch (RuntimeException e) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "a stage change of model " + r.get(CHANGE_NAME)
                    + " is unreadable: " + e, null, null, e);
        }
    }

    /** The constraint a PostgreSQL error names, if any: the driver's type stays here. */
    private static String constraint(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return p.getServerErrorMessage().getConstraint();
            }
        }
        return null;
    }

}
