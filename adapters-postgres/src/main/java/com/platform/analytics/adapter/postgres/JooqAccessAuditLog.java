package com.platform.analytics.adapter.postgres;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.privacy.AuditEntry;
import com.platform.analytics.port.out.AccessAuditLog;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;

/** {@link AccessAuditLog} over the {@code access_audit_log} table (migration V5), through jOOQ; inserts and reads only. */
public final class JooqAccessAuditLog implements AccessAuditLog {
    /** Largest answer of {@link #recent}. */
    public static final int MAX_RECENT = 10_000;
    private static final Table<Record> LOG = table(name("access_audit_log"));
    private static final Field<Long> ID = field(name("id"), SQLDataType.BIGINT);
    private static final Field<Instant> AT = field(name("at"), SQLDataType.INSTANT);
    private static final Field<String> SUBJECT = field(name("subject"), SQLDataType.CLOB);
    private static final Field<String> ACTION = field(name("action"), SQLDataType.CLOB);
    private static final Field<String> RESOURCE = field(name("resource"), SQLDataType.CLOB);
    private static final Field<Long> RECORD_COUNT = field(name("record_count"), SQLDataType.BIGINT);
    private static final Field<String> DETAIL = field(name("detail"), SQLDataType.CLOB);

    private final DSLContext sql;

    @Inject
    public JooqAccessAuditLog(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public void record(AuditEntry entry) {
        requireNonNull(entry, "entry is null");
        translated("record " + entry.action() + " on " + entry.resource(), () -> sql.insertInto(LOG)
                .set(AT, entry.at())
                .set(SUBJECT, entry.subject())
                .set(ACTION, entry.action())
                .set(RESOURCE, entry.resource())
                .set(RECORD_COUNT, entry.recordCount())
                .set(DETAIL, entry.detail())
                .execute());
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        if (limit < 1 || limit > MAX_RECENT) {
            throw AnalyticsException.invalidParameter("limit", "limit is 1.." + MAX_RECENT + ", found " + limit);
        }
        // by id, not by time: entries recorded in the same microsecond keep the order they were written in
        return translated("read the latest audit entries", () -> sql
                .select(AT, SUBJECT, ACTION, RESOURCE, RECORD_COUNT, DETAIL)
                .from(LOG)
                .orderBy(ID.desc())
                .limit(limit)
                .fetch(r -> new AuditEntry(r.get(SUBJECT), r.get(AT), r.get(ACTION), r.get(RESOURCE),
                        r.get(RECORD_COUNT), r.get(DETAIL))));
    }

    private static <T> T translated(String action, Supplier<T> query) {
        try {
            return query.get();
        } catch (DataAccessException e) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "access audit log: could not " + action + ": " + e.getMessage(), null, null, e);
        }
    }
}
