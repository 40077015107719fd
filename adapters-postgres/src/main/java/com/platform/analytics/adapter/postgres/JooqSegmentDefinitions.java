package com.platform.analytics.adapter.postgres;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.segment.CronSchedule;
import com.platform.analytics.domain.segment.SegmentCriteria;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.domain.segment.SegmentType;
import com.platform.analytics.port.out.SegmentDefinitionStore;
import jakarta.inject.Inject;
import java.time.Instant;
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
 * {@link SegmentDefinitionStore} over the {@code segment_definitions} table (spec 4.2.1), through jOOQ. A static
 * segment has no criteria, but the column is NOT NULL: it stores {@code {}} there.
 */
public final class JooqSegmentDefinitions implements SegmentDefinitionStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Table<Record> SEGMENT_DEFINITIONS = table(name("segment_definitions"));
    private static final Field<UUID> ID = field(name("id"), SQLDataType.UUID);
    private static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR);
    private static final Field<String> DISPLAY_NAME_RU = field(name("display_name_ru"), SQLDataType.VARCHAR);
    private static final Field<String> DISPLAY_NAME_EN = field(name("display_name_en"), SQLDataType.VARCHAR);
    private static final Field<String> DESCRIPTION_RU = field(name("description_ru"), SQLDataType.CLOB);
    private static final Field<String> DESCRIPTION_EN = field(name("description_en"), SQLDataType.CLOB);
    private static final Field<JSONB> CRITERIA = field(name("criteria"), SQLDataType.JSONB);
    private static final Field<String> SEGMENT_TYPE = field(name("segment_type"), SQLDataType.VARCHAR);
    private static final Field<String> REFRESH_SCHEDULE = field(name("refresh_schedule"), SQLDataType.VARCHAR);
    private static final Field<Instant> LAST_CALCULATED_AT = field(name("last_calculated_at"), SQLDataType.INSTANT);
    private static final Field<Long> CURRENT_USER_COUNT = field(name("current_user_count"), SQLDataType.BIGINT);
    private static final Field<Instant> LAST_REFRESH_FAILED_AT = field(name("last_refresh_failed_at"), SQLDataType.INSTANT);
    private static final Field<String> LAST_REFRESH_ERROR = field(name("last_refresh_error"), SQLDataType.CLOB);
    private static final Field<Instant> CREATED_AT = field(name("created_at"), SQLDataType.INSTANT);
    private static final Field<Instant> UPDATED_AT = field(name("updated_at"), SQLDataType.INSTANT);
    private static final List<Field<?>> COLUMNS = List.of(ID, NAME, DISPLAY_NAME_RU, DISPLAY_NAME_EN, DESCRIPTION_RU,
            DESCRIPTION_EN, CRITERIA, SEGMENT_TYPE, REFRESH_SCHEDULE, LAST_CALCULATED_AT, CURRENT_USER_COUNT, CREATED_AT,
            UPDATED_AT);

    private final DSLContext sql;

    @Inject
    public JooqSegmentDefinitions(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public SegmentDefinition create(SegmentDraft draft, Instant now) {
        requireNonNull(draft, "draft is null");
        requireNonNull(now, "now is null");
        return translated("create segment " + draft.name(), draft, () -> sql.insertInto(SEGMENT_DEFINITIONS)
                .set(NAME, draft.name())
                .set(DISPLAY_NAME_RU, draft.displayNameRu())
                .set(DISPLAY_NAME_EN, draft.displayNameEn())
                .set(DESCRIPTION_RU, draft.descriptionRu())
                .set(DESCRIPTION_EN, draft.descriptionEn())
                .set(CRITERIA, criteriaJson(draft))
                .set(SEGMENT_TYPE, draft.type().wireName())
                .set(REFRESH_SCHEDULE, schedule(draft))
                .set(CREATED_AT, now)
                .set(UPDATED_AT, now)
                .returningResult(COLUMNS)
                .fetchOne(JooqSegmentDefinitions::toDefinition));
    }

    @Override
    public Optional<SegmentDefinition> find(UUID id) {
        requireNonNull(id, "id is null");
        return translated("read segment " + id, null, () -> sql.select(COLUMNS).from(SEGMENT_DEFINITIONS).where(ID.eq(id))
                .fetchOptional(JooqSegmentDefinitions::toDefinition));
    }

    @Override
    public List<SegmentDefinition> findAll() {
        return translated("list segments", null, () -> sql.select(COLUMNS).from(SEGMENT_DEFINITIONS).orderBy(NAME)
                .fetch(JooqSegmentDefinitions::toDefinition));
    }

    @Override
    public Optional<SegmentDefinition> update(UUID id, SegmentDraft draft, Instant now) {
        requireNonNull(id, "id is null");
        requireNonNull(draft, "draft is null");
        requireNonNull(now, "now is null");
        return translated("update segment " + id, draft, () -> sql.update(SEGMENT_DEFINITIONS)
                .set(NAME, draft.name())
                .set(DISPLAY_NAME_RU, draft.displayNameRu())
                .set(DISPLAY_NAME_EN, draft.displayNameEn())
                .set(DESCRIPTION_RU, draft.descriptionRu())
                .set(DESCRIPTION_EN, draft.descriptionEn())
                .set(CRITERIA, criteriaJson(draft))
                .set(SEGMENT_TYPE, draft.type().wireName())
                .set(REFRESH_SCHEDULE, schedule(draft))
                .set(UPDATED_AT, now)
                .where(ID.eq(id))
                .returningResult(COLUMNS)
                .fetchOptional(JooqSegmentDefinitions::toDefinition));
    }

    @Override
    public boolean delete(UUID id) {
        requireNonNull(id, "id is null");
        return translated("delete segment " + id, null, () -> sql.deleteFrom(SEGMENT_DEFINITIONS).where(ID.eq(id)).execute() > 0);
    }

    @Override
    public Optional<SegmentDefinition> recordRefresh(UUID id, Instant calculatedAt, long userCount,
            Optional<OutgoingEvent> announcement) {
        requireNonNull(id, "id is null");
        requireNonNull(calculatedAt, "calculatedAt is null");
        requireNonNull(announcement, "announcement is null");
        return translated("record the refresh of segment " + id, null, () -> sql.transactionResult(tx -> {
            Optional<SegmentDefinition> updated = tx.dsl().update(SEGMENT_DEFINITIONS)
                    .set(LAST_CALCULATED_AT, calculatedAt)
                    .set(CURRENT_USER_COUNT, userCount)
                    .setNull(LAST_REFRESH_FAILED_AT)
                    .setNull(LAST_REFRESH_ERROR)
                    .where(ID.eq(id))
                    .returningResult(COLUMNS)
                    .fetchOptional(JooqSegmentDefinitions::toDefinition);
            // no definition, no announcement: a segment deleted during its refresh is not announced
            if (updated.isPresent() && announcement.isPresent()) {
                JooqOutbox.append(tx.dsl(), announcement.get());
            }
            return updated;
        }));
    }

    @Override
    public void recordRefreshFailure(UUID id, Instant failedAt, String reason) {
        requireNonNull(id, "id is null");
        requireNonNull(failedAt, "failedAt is null");
        requireNonNull(reason, "reason is null");
        translated("record the failed refresh of segment " + id, null, () -> sql.update(SEGMENT_DEFINITIONS)
                .set(LAST_REFRESH_FAILED_AT, failedAt)
                .set(LAST_REFRESH_ERROR, reason)
                .where(ID.eq(id))
                .execute());
    }

    @Override
    public Optional<RefreshFailure> lastRefreshFailure(UUID id) {
        requireNonNull(id, "id is null");
        return translated("read the last failed refresh of segment " + id, null, () -> sql
                .select(LAST_REFRESH_FAILED_AT, LAST_REFRESH_ERROR)
                .from(SEGMENT_DEFINITIONS)
                .where(ID.eq(id).and(LAST_REFRESH_FAILED_AT.isNotNull()))
                .fetchOptional(r -> new RefreshFailure(r.get(LAST_REFRESH_FAILED_AT), r.get(LAST_REFRESH_ERROR))));
    }

    private static JSONB criteriaJson(SegmentDraft draft) {
        return JSONB.valueOf(draft.criteria() == null ? "{}" : Json.write(draft.criteria().toJson()));
    }

    private static String schedule(SegmentDraft draft) {
        return draft.refreshSchedule() == null ? null : draft.refreshSchedule().expression();
    }

    private static SegmentDefinition toDefinition(Record r) {
        String name = r.get(NAME);
        SegmentType type = SegmentType.byWireName(r.get(SEGMENT_TYPE)).orElseThrow(() -> corrupt(name,
                "segment_type '" + r.get(SEGMENT_TYPE) + "'"));
        SegmentCriteria criteria = null;
        String schedule = r.get(REFRESH_SCHEDULE);
        try {
            Object json = Json.parse(r.get(CRITERIA).data());
            if (type == SegmentType.DYNAMIC || !(json instanceof Map<?, ?> m && m.isEmpty())) {
                criteria = SegmentCriteria.parse(json, "");
            }
            SegmentDraft draft = new SegmentDraft(name, r.get(DISPLAY_NAME_RU), r.get(DISPLAY_NAME_EN), r.get(DESCRIPTION_RU),
                    r.get(DESCRIPTION_EN), type, criteria, schedule == null ? null : CronSchedule.parse(schedule));
            return new SegmentDefinition(r.get(ID), draft, r.get(LAST_CALCULATED_AT), r.get(CURRENT_USER_COUNT),
                    r.get(CREATED_AT), r.get(UPDATED_AT));
        } catch (AnalyticsException | Json.JsonException e) {
            // rows written by hand (or by an older version) that this version cannot read
            throw corrupt(name, e.getMessage());
        }
    }

    private static AnalyticsException corrupt(String segment, String problem) {
        return new AnalyticsException(ErrorCode.INTERNAL_ERROR, "segment definition " + segment + " is unreadable: " + problem);
    }

    private static <T> T translated(String action, SegmentDraft draft, Supplier<T> query) {
        try {
            return query.get();
        } catch (DataAccessException e) {
            if (draft != null && UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS,
                        "a segment named '" + draft.name() + "' exists already", null, "/name", e);
            }
            throw MetadataSql.unavailable(action, e);
        }
    }
}
