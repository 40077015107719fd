package com.platform.analytics.port.out;

import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Segment definitions in the metadata store (the {@code segment_definitions} table). */
public interface SegmentDefinitionStore {
    /**
     * Stores a new definition.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException INVALID_QUERY_PARAMETERS (pointer {@code /name})
     *     when another segment has the name
     */
    SegmentDefinition create(SegmentDraft draft, Instant now);

    Optional<SegmentDefinition> find(UUID id);

    /** All definitions, by name. */
    List<SegmentDefinition> findAll();

    /** Replaces what the client controls; empty when there is no such segment. */
    Optional<SegmentDefinition> update(UUID id, SegmentDraft draft, Instant now);

    /** Whether a definition was deleted. */
    boolean delete(UUID id);

    /**
     * Records a new membership snapshot ({@code last_calculated_at}, {@code current_user_count}) and, in the same
     * transaction, appends {@code announcement} to the outbox when there is one (membership changed): the event
     * exists if and only if the record committed. Empty when the segment was deleted meanwhile.
     */
    Optional<SegmentDefinition> recordRefresh(UUID id, Instant calculatedAt, long userCount, Optional<OutgoingEvent> announcement);

    /** Records why a refresh failed (the previous snapshot stays); a later successful refresh clears it. */
    void recordRefreshFailure(UUID id, Instant failedAt, String reason);

    /** Why the last refresh failed, unless a refresh succeeded since. */
    Optional<RefreshFailure> lastRefreshFailure(UUID id);

    /** A failed refresh, as recorded. */
    record RefreshFailure(Instant at, String reason) {
        public RefreshFailure {
            java.util.Objects.requireNonNull(at, "at is null");
            java.util.Objects.requireNonNull(reason, "reason is null");
        }
    }
}
