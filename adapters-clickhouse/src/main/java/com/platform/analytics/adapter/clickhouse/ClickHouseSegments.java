package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.segment.SegmentCriteria;
import com.platform.analytics.port.out.SegmentEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SegmentEngine} in ClickHouse. A snapshot is written in three steps: its members into
 * {@code segment_members} (INSERT ... SELECT over the user attributes of {@link SegmentSql}, computed where the
 * events are), then one row into {@code segment_snapshots}, which makes it current, then older snapshots of the
 * segment are deleted. A failure before the second step leaves the previous snapshot current; rows it left are
 * removed by the next refresh. Refreshes of one segment must not run concurrently (the service serializes them).
 *
 * <p>The clean-up uses lightweight {@code DELETE}, best effort: a Distributed table does not take it, so on a
 * cluster old snapshots stay (they are never read) until a {@code DELETE ... ON CLUSTER} on the local tables is
 * added. Snapshot times only grow, so leftovers of a failed attempt are never part of a later snapshot unless two
 * attempts fall in one millisecond on a cluster.
 */
public final class ClickHouseSegments implements SegmentEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSegments.class);
    private final ClickHouseTransport transport;
    private final String database;
    private final String db;

    public ClickHouseSegments(ClickHouseTransport transport, String database) {
        this.transport = requireNonNull(transport, "transport is null");
        this.database = requireNonNull(database, "database is null");
        this.db = SqlLiterals.identifier(database);
    }

    public String database() {
        return database;
    }

    @Override
    public Snapshot refresh(UUID segmentId, SegmentCriteria criteria, Instant asOf, Optional<Instant> announced) {
        requireNonNull(segmentId, "segmentId is null");
        requireNonNull(criteria, "criteria is null");
        requireNonNull(asOf, "asOf is null");
        requireNonNull(announced, "announced is null");
        Instant calculatedAt = snapshotTime(segmentId, asOf);
        String sql = "INSERT INTO " + db + ".segment_members (segment_id, calculated_at, user_id) SELECT "
                + SqlLiterals.string(segmentId.toString()) + ", " + SqlLiterals.instant(calculatedAt) + ", user_id FROM ("
                + SegmentSql.members(database, asOf, criteria) + ")";
        transport.execute(sql);
        return commit(segmentId, calculatedAt, sql, announced);
    }

    @Override
    public Snapshot replaceMembers(UUID segmentId, Collection<String> userIds, Instant at, Optional<Instant> announced) {
        requireNonNull(segmentId, "segmentId is null");
        requireNonNull(userIds, "userIds is null");
        requireNonNull(at, "at is null");
        requireNonNull(announced, "announced is null");
        Instant calculatedAt = snapshotTime(segmentId, at);
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
        return commit(segmentId, calculatedAt, insert + " FORMAT TabSeparated", announced);
    }

    @Override
    public long count(UUID segmentId) {
        String text = transport.query("SELECT argMax(user_count, calculated_at) FROM " + db
                + ".segment_snapshots WHERE segment_id = " + id(segmentId), "TabSeparated").strip();
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    @Override
    public List<String> members(UUID segmentId, long offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        List<String> out = new ArrayList<>(limit);
        for (List<String> row : TabSeparatedRows.parse(transport.query("SELECT user_id FROM " + db + ".segment_members WHERE "
                + current(segmentId) + " ORDER BY user_id LIMIT " + limit + " OFFSET " + offset, "TabSeparated"))) {
            out.add(row.get(0));
        }
        return out;
    }

    @Override
    public boolean isMember(UUID segmentId, String userId) {
        requireNonNull(userId, "userId is null");
        String text = transport.query("SELECT count() FROM " + db + ".segment_members WHERE " + current(segmentId)
                + " AND user_id = " + SqlLiterals.string(userId), "TabSeparated").strip();
        return Long.parseLong(text) > 0;
    }

    @Override
    public void forget(UUID segmentId) {
        transport.execute("DELETE FROM " + db + ".segment_snapshots WHERE segment_id = " + id(segmentId));
        transport.execute("DELETE FROM " + db + ".segment_members WHERE segment_id = " + id(segmentId));
    }

    /** The current snapshot's rows of a segment (none when it has no snapshot). */
    private String current(UUID segmentId) {
        return "segment_id = " + id(segmentId) + " AND calculated_at = (SELECT max(calculated_at) FROM " + db
                + ".segment_snapshots WHERE segment_id = " + id(segmentId) + ") AND (SELECT count() FROM " + db
                + ".segment_snapshots WHERE segment_id = " + id(segmentId) + ") > 0";
    }

    /**
     * The new snapshot's time: {@code asOf}, or just after the latest row this segment has when the clock has not moved
     * past it — recorded snapshots and rows of attempts that failed alike — so a new snapshot never shares its time
     * with older rows, which its commit then removes.
     */
    private Instant snapshotTime(UUID segmentId, Instant asOf) {
        Instant at = asOf.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        long latest = Long.parseLong(transport.query("SELECT toUnixTimestamp64Milli(max(c)) FROM (SELECT calculated_at AS c FROM "
                + db + ".segment_snapshots WHERE segment_id = " + id(segmentId) + " UNION ALL SELECT calculated_at FROM " + db
                + ".segment_members WHERE segment_id = " + id(segmentId) + ")", "TabSeparated").strip());
        if (latest > 0 && !at.isAfter(Instant.ofEpochMilli(latest))) {
            at = Instant.ofEpochMilli(latest + 1);
        }
        return at;
    }

    private Snapshot commit(UUID segmentId, Instant calculatedAt, String sql, Optional<Instant> announced) {
        String kept = announced.filter(a -> a.isBefore(calculatedAt)).map(SqlLiterals::instant).orElse(null);
        String members = "segment_id = " + id(segmentId) + " AND calculated_at IN (" + SqlLiterals.instant(calculatedAt)
                + (kept == null ? "" : ", " + kept) + ")";
        // users in exactly one of the two snapshots: each snapshot holds a user at most once
        List<String> counts = TabSeparatedRows.parse(transport.query("SELECT countIf(at = " + SqlLiterals.instant(calculatedAt)
                + "), countIf(snapshots = 1) FROM (SELECT user_id, count() AS snapshots, max(calculated_at) AS at FROM " + db
                + ".segment_members WHERE " + members + " GROUP BY user_id)", "TabSeparated")).get(0);
        long userCount = Long.parseLong(counts.get(0));
        long changed = Long.parseLong(counts.get(1));
        transport.execute("INSERT INTO " + db + ".segment_snapshots (segment_id, calculated_at, user_count) VALUES ("
                + id(segmentId) + ", " + SqlLiterals.instant(calculatedAt) + ", " + userCount + ")");
        // older snapshots go, except a different announced one: until this one is recorded, the next refresh compares
        // with it (when nothing changed, this snapshot has the same members and serves as well)
        String older = " WHERE segment_id = " + id(segmentId) + " AND calculated_at < " + SqlLiterals.instant(calculatedAt)
                + (kept == null || changed == 0 ? "" : " AND calculated_at != " + kept);
        cleanUp("DELETE FROM " + db + ".segment_members" + older);
        cleanUp("DELETE FROM " + db + ".segment_snapshots" + older);
        return new Snapshot(calculatedAt, userCount, changed, sql);
    }

    /**
     * Removes rows no query reads (older snapshots, leftovers of a failed attempt). Best effort: a failure here
     * (or a cluster, where a Distributed table takes no DELETE) costs space, never a wrong answer.
     */
    private void cleanUp(String delete) {
        try {
            // not waited for: the rows are masked at once and removed with the next merge, off the refresh's time
            transport.execute(delete + " SETTINGS lightweight_deletes_sync = 0");
        } catch (AnalyticsException e) {
            LOG.warn("segment snapshot clean-up failed; unread rows stay: {}", e.getMessage());
        }
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
