package com.platform.analytics.port.out;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.segment.SegmentCriteria;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Segment membership in the warehouse: snapshots of the users matching a segment's criteria (computed from the
 * events inside the warehouse) or uploaded, and questions about the current snapshot. A snapshot becomes current
 * only once it is complete, so a refresh that fails leaves the previous one in place.
 */
public interface SegmentEngine {
    /**
     * Computes the members as of {@code asOf} and makes them the current snapshot.
     *
     * @param announced the snapshot whose membership was last recorded and announced (the metadata store's
     *     {@code last_calculated_at}); changes are counted against it, and the engine keeps its members until a later
     *     one is announced, so a change whose recording failed is still counted by the next refresh, in any process
     */
    Snapshot refresh(UUID segmentId, SegmentCriteria criteria, Instant asOf, Optional<Instant> announced);

    /** Makes exactly these (pseudonymized) users the current snapshot of a static segment; {@code announced} as above. */
    Snapshot replaceMembers(UUID segmentId, Collection<String> userIds, Instant at, Optional<Instant> announced);

    /** Members of the current snapshot; 0 when there is none. */
    long count(UUID segmentId);

    /** A page of the current snapshot's members, ordered by pseudonym. */
    List<String> members(UUID segmentId, long offset, int limit);

    boolean isMember(UUID segmentId, String userId);

    /** Drops every snapshot of a deleted segment. */
    void forget(UUID segmentId);

    /**
     * A snapshot that became current.
     *
     * @param changedMembers users in this snapshot or the announced one but not both (all members when none was announced)
     * @param sql the statement that computed it, for {@code explain}
     */
    record Snapshot(Instant calculatedAt, long userCount, long changedMembers, String sql) {
        public Snapshot {
            requireNonNull(calculatedAt, "calculatedAt is null");
            requireNonNull(sql, "sql is null");
        }
    }
}
