package com.platform.analytics.adapter.postgres;

import static com.platform.analytics.adapter.postgres.MetadataSql.translated;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.DeduplicatingOutbox;
import com.platform.analytics.port.out.Outbox;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * {@link Outbox} over the {@code outbox_events} table. Stores of this adapter that change state append through
 * {@link #append(DSLContext, OutgoingEvent)} with their own transaction's context, which is what makes an event
 * exist if and only if its change committed. Leases use {@code FOR UPDATE SKIP LOCKED}, so relays in several
 * instances share the work without waiting on each other.
 */
public final class JooqOutbox implements Outbox, DeduplicatingOutbox {
    private final DSLContext sql;

    @Inject
    public JooqOutbox(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public void append(OutgoingEvent event) {
        translated("append an outbox event", () -> {
            append(sql, event);
            return null;
        });
    }

    /**
     * Appends unless an event with the same id was ever appended: the outbox keeps every event (published ones too),
     * and its {@code event_id} is unique, so {@code ON CONFLICT DO NOTHING} makes two racing instances append once.
     */
    @Override
    public boolean appendOnce(OutgoingEvent event) {
        requireNonNull(event, "event is null");
        return translated("append an outbox event once", () -> sql.execute(
                "INSERT INTO outbox_events (event_id, event_type, subject, event_time, cloud_event) VALUES (?::uuid, ?, ?, ?::timestamptz, ?)"
                        + " ON CONFLICT (event_id) DO NOTHING",
                event.id().toString(), event.type(), event.subject(), event.time().toString(), event.toCloudEventJson()) == 1);
    }

    /** Appends within the caller's transaction ({@code tx} is its context): commits or rolls back with it. */
    public static void append(DSLContext tx, OutgoingEvent event) {
        requireNonNull(tx, "tx is null");
        requireNonNull(event, "event is null");
        tx.execute("INSERT INTO outbox_events (event_id, event_type, subject, event_time, cloud_event) VALUES (?::uuid, ?, ?, ?::timestamptz, ?)",
                event.id().toString(), event.type(), event.subject(), event.time().toString(),
                event.toCloudEventJson());
    }

    @Override
    public List<Pending> lease(int max, Duration lease) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        return translated("lease outbox events", () -> {
            List<Pending> out = new ArrayList<>();
            for (Record r : sql.fetch("""
                    UPDATE outbox_events SET leased_until = now() + ? * interval '1 millisecond'
                    WHERE sequence IN (
                        SELECT sequence FROM outbox_events
                        WHERE published_at IS NULL AND next_attempt_at <= now()
                          AND (leased_until IS NULL OR leased_until < now())
                          -- never past an event waiting for its retry: events go out in the order appended
                          AND sequence < coalesce((SELECT min(sequence) FROM outbox_events
                              WHERE published_at IS NULL AND next_attempt_at > now()), 9223372036854775807)
                        ORDER BY sequence LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING sequence, cloud_event, attempts""", lease.toMillis(), max)) {
                String json = r.get("cloud_event", String.class);
                out.add(new Pending(r.get("sequence", Long.class), parse(json), json, r.get("attempts", Integer.class)));
            }
            out.sort(Comparator.comparingLong(Pending::sequence));
            return out;
        });
    }

    @Override
    public void markPublished(List<Long> sequences) {
        if (sequences.isEmpty()) {
            return;
        }
        translated("mark outbox events published", () -> sql.execute(
                "UPDATE outbox_events SET published_at = now(), leased_until = NULL WHERE sequence = ANY(?)",
                (Object) sequences.toArray(new Long[0])));
    }

    @Override
    public void markFailed(long sequence, String error, Instant nextAttempt) {
        translated("record a failed outbox delivery", () -> sql.execute(
                "UPDATE outbox_events SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?::timestamptz, leased_until = NULL "
                        + "WHERE sequence = ? AND published_at IS NULL",
                error, nextAttempt.toString(), sequence));
    }

    @Override
    public long pendingCount() {
        Long pending = translated("count pending outbox events",
                () -> sql.fetchOne("SELECT count(*) FROM outbox_events WHERE published_at IS NULL").get(0, Long.class));
        return pending;
    }

    /** The event back from the CloudEvent JSON it was stored as. */
    static OutgoingEvent parse(String cloudEventJson) {
        Map<String, Object> ce = Json.parseObject(cloudEventJson);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ce.get("data");
        return new OutgoingEvent(UUID.fromString((String) ce.get("id")), (String) ce.get("type"),
                (String) ce.get("subject"), Instant.parse((String) ce.get("time")), data);
    }

}
