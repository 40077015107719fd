package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.segment.SegmentCriteria;
import com.platform.analytics.port.out.SegmentEngine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SegmentEngine} in ClickHouse. A snapshot is its members' rows in {@code segment_members} under the snapshot's
 * time, written by one INSERT ... SELECT over the user attributes of {@link SegmentSql} (computed where the events
 * are; the criteria's values bound as query parameters), then counted together with the changes against the current snapshot (one query). Which snapshot is current
 * is the metadata store's record, named by every read, so nothing here makes a snapshot current: a refresh is two
 * statements, and an attempt that failed leaves rows nobody reads until {@link #discardBefore} removes them.
 *
 * <p>{@code segment_snapshots} (warehouse migration 5) was where earlier versions kept the current snapshot; it is
 * no longer written or read, and is emptied of a segment's rows when the segment is deleted.
 *
 * <p>The clean-up uses lightweight {@code DELETE}, best effort, on a thread of its own: a Distributed table does not take
 * it, so on a cluster old snapshots stay (they are never read) until a {@code DELETE ... ON CLUSTER} on the local
 * tables is added.
 */
public final class ClickHouseSegments implements SegmentEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSegments.class);
    private final ClickHouseTransport transport;
    private final String database;
    private final String db;
    /** Clean-ups asked for and not yet started: the latest bound per segment. */
    private final ConcurrentHashMap<UUID, Instant> discards = new ConcurrentHashMap<>();
    /** One thread, started when there is a clean-up to run and ended after a minute without one. */
    private final ThreadPoolExecutor cleaner = new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "segment-snapshot-cleaner");
        t.setDaemon(true);
        return t;
    });

    public ClickHouseSegments(ClickHouseTransport transport, String database) {
        this.transport = requireNonNull(transport, "transport is null");
        this.database = requireNonNull(database, "database is null");
        this.db = SqlLiterals.identifier(database);
    }

    public String database() {
        return database;
    }

    @Override
    public Snapshot refresh(UUID segmentId, SegmentCriteria criteria, Instant at, Optional<Instant> current) {
        requireNonNull(segmentId, "segmentId is null");
        requireNonNull(criteria, "criteria is null");
        Instant calculatedAt = snapshotTime(at, current);
        SegmentSql.Bound members = SegmentSql.members(database, calculatedAt, criteria);
        SegmentSql.Bound insert = new SegmentSql.Bound("INSERT INTO " + db + ".segment_members (segment_id, calculated_at, user_id) SELECT "
                + SqlLiterals.string(segmentId.toString()) + ", " + SqlLiterals.instant(calculatedAt) + ", user_id FROM ("
                + members.sql() + ")", members.parameters());
        transport.execute(insert.sql(), insert.parameters());
        return counted(segmentId, calculatedAt, insert.explained(), current);
    }

    @Override
    public Snapshot replaceMembers(UUID segmentId, Collection<String> userIds, Instant at, Optional<Instant> current) {
        requireNonNull(segmentId, "segmentId is null");
        requireNonNull(userIds, "userIds is null");
        Instant calculatedAt = snapshotTime(at, current);
        String insert = "INSERT INTO " + db + ".segment_members (segment_id, calculated_at, user_id)";
        TreeSet<String> distinct = new TreeSet<>(userIds);
        if (!distinct.isEmpty()) {
            StringBuilder rows = new StringBuilder(distinct.size() * 60);
            String prefix = segmentId + "\t" + formatted(calculatedAt) + "\t";
            for (String user : distinct) {
                rows.append(prefix);
                TabSeparatedRows.appendField(user, rows);
                rows.append('\n');
            }
            transport.insert(insert, "TabSeparated", rows);
        }
        return counted(segmentId, calculatedAt, insert + " FORMAT TabSeparated", current);
    }

    @Override
    public List<String> members(UUID segmentId, Instant snapshot, long offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        List<String> out = new ArrayList<>(limit);
        for (List<String> row : TabSeparatedRows.parse(transport.query("SELECT user_id FROM " + db + ".segment_members WHERE "
                + rows(segmentId, snapshot) + " ORDER BY user_id LIMIT " + limit + " OFFSET " + offset, "TabSeparated"))) {
            out.add(row.get(0));
        }
        return out;
    }

    @Override
    public boolean isMember(UUID segmentId, Instant snapshot, String userId) {
        requireNonNull(userId, "userId is null");
        String text = transport.query("SELECT count() FROM " + db + ".segment_members WHERE " + rows(segmentId, snapshot)
                + " AND user_id = " + SqlLiterals.string(userId), "TabSeparated").strip();
        return Long.parseLong(text) > 0;
    }

    /**
     * Returns at once: the DELETE runs on this engine's clean-up thread, off the refresh's time, one per segment at a
     * time (requests that arrive meanwhile are merged into the next, with the latest bound).
     */
    @Override
    public void discardBefore(UUID segmentId, Instant keepFrom) {
        requireNonNull(segmentId, "segmentId is null");
        Instant bound = snapshotTime(requireNonNull(keepFrom, "keepFrom is null"), Optional.empty());
        boolean[] queued = {false};
        discards.compute(segmentId, (k, pending) -> {
            queued[0] = pending == null;
            return pending == null || bound.isAfter(pending) ? bound : pending;
        });
        if (queued[0]) {
            cleaner.execute(() -> discard(segmentId, discards.remove(segmentId)));
        }
    }

    private void discard(UUID segmentId, Instant bound) {
        try {
            // not waited for either: the rows are masked at once and removed with the next merge
            transport.execute("DELETE FROM " + db + ".segment_members WHERE segment_id = " + id(segmentId)
                    + " AND calculated_at < " + SqlLiterals.instant(bound) + " SETTINGS lightweight_deletes_sync = 0");
        } catch (RuntimeException e) {
            LOG.warn("clean-up of old snapshots of segment {} failed; unread rows stay: {}", segmentId, e.getMessage());
        }
    }

    @Override
    public void forget(UUID segmentId) {
        transport.execute("DELETE FROM " + db + ".segment_snapshots WHERE segment_id = " + id(segmentId));
        transport.execute("DELETE FROM " + db + ".segment_members WHERE segment_id = " + id(segmentId));
    }

    /** The rows of one snapshot. */
    private String rows(UUID segmentId, Instant snapshot) {
        return "segment_id = " + id(segmentId) + " AND calculated_at = "
                + SqlLiterals.instant(snapshotTime(requireNonNull(snapshot, "snapshot is null"), Optional.empty()));
    }

    /** A snapshot's time as stored (milliseconds); it must come after the current one. */
    private static Instant snapshotTime(Instant at, Optional<Instant> current) {
        Instant t = requireNonNull(at, "at is null").truncatedTo(ChronoUnit.MILLIS);
        requireNonNull(current, "current is null").ifPresent(c -> {
            if (!t.isAfter(c)) {
                throw new IllegalArgumentException("snapshot " + t + " is not after the current one, " + c);
            }
        });
        return t;
    }

    /** The snapshot's members and the users in exactly one of it and the current one (each holds a user at most once). */
    private Snapshot counted(UUID segmentId, Instant calculatedAt, String sql, Optional<Instant> current) {
        String members = "segment_id = " + id(segmentId) + " AND calculated_at IN (" + SqlLiterals.instant(calculatedAt)
                + current.map(c -> ", " + SqlLiterals.instant(c)).orElse("") + ")";
        List<String> counts = TabSeparatedRows.parse(transport.query("SELECT countIf(at = " + SqlLiterals.instant(calculatedAt)
                + "), countIf(snapshots = 1) FROM (SELECT user_id, count() AS snapshots, max(calculated_at) AS at FROM " + db
                + ".segment_members WHERE " + members + " GROUP BY user_id)", "TabSeparated")).get(0);
        return new Snapshot(calculatedAt, Long.parseLong(counts.get(0)), Long.parseLong(counts.get(1)), sql);
    }

    private static String formatted(Instant t) {
        StringBuilder sb = new StringBuilder(24);
        SqlLiterals.appendUtcMillis(t, sb);
        return sb.toString();
    }

    private static String id(UUID segmentId) {
        return SqlLiterals.string(requireNonNull(segmentId, "segmentId is null").toString());
    }
}
