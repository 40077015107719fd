package com.platform.analytics.port.in;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Re-identification for marketing delivery: a segment's current members with their real user ids, for callers
 * holding {@link com.platform.analytics.domain.access.Permission#EXPORT_REAL_USER_IDS} (granted by name only, never
 * by a role), each export written to the access audit log before any id is handed out.
 */
public interface SegmentRealIdExportUseCase {
    /** The audit log's action for an export. */
    String EXPORT_ACTION = "segment.export_real_ids";
    /** The audit log's action for a refused attempt. */
    String REFUSED_ACTION = "segment.export_real_ids.refused";
    int MAX_PURPOSE_LENGTH = 200;
    /** Largest segment exported in one answer (the size of the largest static upload). */
    int MAX_EXPORT_MEMBERS = 100_000;

    /**
     * The segment's current members as (pseudonym, real id) pairs, ordered by pseudonym.
     *
     * @param purpose why the ids are needed (for the audit log): not blank, at most {@value #MAX_PURPOSE_LENGTH}
     *     characters
     * @throws com.platform.analytics.domain.error.AnalyticsException ACCESS_DENIED_TO_RESOURCE without the permission
     *     or for a caller limited to one developer's games; INVALID_REQUEST_BODY (pointer {@code /purpose}) for a
     *     missing or too long purpose; SEGMENT_DEFINITION_NOT_FOUND; INVALID_QUERY_PARAMETERS when the segment has
     *     more than {@value #MAX_EXPORT_MEMBERS} members; STORAGE_UNAVAILABLE when the vault or the audit log fails
     */
    RealIdExport export(Principal caller, UUID segmentId, String purpose);

    /** One member: the pseudonym the warehouse knows and the real id it stands for. */
    record RealIdPair(String pseudonym, String realUserId) {
        public RealIdPair {
            requireNonNull(pseudonym, "pseudonym is null");
            requireNonNull(realUserId, "realUserId is null");
        }
    }

    /**
     * An export as audited.
     *
     * @param members members of the snapshot exported
     * @param pairs the members the vault knows, with their real ids
     * @param missingPseudonyms members the vault holds no real id for (ingested before the vault was configured, or
     *     uploaded to a static segment without events): reported, never guessed
     */
    record RealIdExport(UUID segmentId, Instant exportedAt, long members, List<RealIdPair> pairs,
            List<String> missingPseudonyms) {
        public RealIdExport {
            requireNonNull(segmentId, "segmentId is null");
            requireNonNull(exportedAt, "exportedAt is null");
            pairs = List.copyOf(pairs);
            missingPseudonyms = List.copyOf(missingPseudonyms);
        }

        public int missingCount() {
            return missingPseudonyms.size();
        }
    }
}
