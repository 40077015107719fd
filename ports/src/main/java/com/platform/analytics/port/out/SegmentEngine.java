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
 * events inside the warehouse) or uploaded, each named by its time. The engine does not decide which snapshot is
 * current: the metadata store does ({@code last_calculated_at}), once a snapshot is recorded there, and readers name
 * the snapshot they read. So a refresh that fails at any point, in the warehouse or while recording, leaves the
 * previous snapshot current.
 */
public interface SegmentEngine {
    /**
     * Writes the members as of {@code at} as the snapshot named {@code at}, and counts them and their changes.
     *
     * @param at later than every snapshot the segment has had, those that failed included (the caller keeps the
     *     times of a segment increasing)
     * @param current the current (recorded and announced) snapshot: changes are counted against it
     */
    Snapshot refresh(UUID segmentId, SegmentCriteria criteria, Instant at, Optional<Instant> current);

    /** Writes exactly these (pseudonymized) users as the snapshot {@code at} of a static segment; as {@link #refresh}. */
    Snapshot replaceMembers(UUID segmentId, Collection<String> userIds, Instant at, Optional<Instant> current);

    /** A page of a snapshot's members, ordered by pseudonym; empty for a snapshot that does not exist (any more). */
    List<String> members(UUID segmentId, Instant snapshot, long offset, int limit);

    boolean isMember(UUID segmentId, Instant snapshot, String userId);

    /**
     * Drops the segment's snapshots older than {@code keepFrom}: superseded ones, and what failed attempts left.
     * Best effort: a failure costs space only, since no reader names those snapshots.
     */
    void discardBefore(UUID segmentId, Instant keepFrom);

    /** Drops every snapshot of a deleted segment. */
    void forget(UUID segmentId);

    /**
     * A snapshot written.
     *
     * @param changedMembers users in this snapshot or the current one but not both (all members when there is none)
     * @param sql the statement that computed it, for {@code explain}
     */
    record Snapshot(Instant calculatedAt, long userCount, long changedMembers, String sql) {
        public Snapshot {
            requireNonNull(calculatedAt, "calculatedAt is null");
            requireNonNull(sql, "sql is null");
        }
    }
}
