package com.platform.analytics.port.in;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Segments (spec 3.1.3 and issue 4): definitions, refreshes, members. Every operation on an id that names no
 * segment throws {@link com.platform.analytics.domain.error.AnalyticsException} SEGMENT_DEFINITION_NOT_FOUND.
 * User ids given by clients are real ids, pseudonymized before they are used; members come back as pseudonyms.
 */
public interface SegmentsUseCase {
    /** Largest page of members, and largest upload of a static segment's members. */
    int MAX_PAGE_SIZE = 10_000;
    int MAX_UPLOAD = 100_000;

    List<SegmentDefinition> definitions();

    SegmentDefinition definition(UUID id);

    SegmentDefinition create(SegmentDraft draft);

    SegmentDefinition update(UUID id, SegmentDraft draft);

    void delete(UUID id);

    /** Members of the current snapshot (0 before the first). */
    long usersCount(UUID id);

    /** Recomputes a dynamic segment now; a failure keeps the previous snapshot and is reported by {@link #lastFailure}. */
    RefreshOutcome refresh(UUID id);

    /** Replaces a static segment's members by these real user ids. */
    RefreshOutcome uploadMembers(UUID id, List<String> realUserIds);

    /** Page {@code page} (from 0) of {@code size} members, by pseudonym. */
    MembersPage members(UUID id, int page, int size);

    boolean isMember(UUID id, String realUserId);

    /** Why the latest refresh of the segment failed, while no later one has succeeded. */
    Optional<RefreshFailure> lastFailure(UUID id);

    /**
     * A snapshot that became current.
     *
     * @param changedMembers users who joined or left
     * @param announced whether {@code segment.updated} was published (membership changed)
     * @param sql the warehouse statement that computed it
     */
    record RefreshOutcome(SegmentDefinition definition, long changedMembers, boolean announced, String sql) {
        public RefreshOutcome {
            requireNonNull(definition, "definition is null");
            requireNonNull(sql, "sql is null");
        }
    }

    record RefreshFailure(Instant at, String reason) {
        public RefreshFailure {
            requireNonNull(at, "at is null");
            requireNonNull(reason, "reason is null");
        }
    }

    record MembersPage(int page, int size, long total, List<String> userIds) {
        public MembersPage {
            userIds = List.copyOf(userIds);
        }
    }
}
