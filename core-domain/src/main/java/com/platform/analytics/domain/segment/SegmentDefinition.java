package com.platform.analytics.domain.segment;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A stored segment definition (the {@code segment_definitions} table, spec 4.2.1).
 *
 * @param lastCalculatedAt when the current membership snapshot was taken; null before the first refresh or upload
 * @param currentUserCount members of that snapshot; null before the first one
 */
public record SegmentDefinition(
        UUID id,
        SegmentDraft draft,
        Instant lastCalculatedAt,
        Long currentUserCount,
        Instant createdAt,
        Instant updatedAt) {
    public SegmentDefinition {
        requireNonNull(id, "id is null");
        requireNonNull(draft, "draft is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    public String name() {
        return draft.name();
    }

    public SegmentType type() {
        return draft.type();
    }

    /** The API's JSON form; members with no value are left out. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id.toString());
        json.put("name", draft.name());
        json.put("displayNameRu", draft.displayNameRu());
        putIfPresent(json, "displayNameEn", draft.displayNameEn());
        putIfPresent(json, "descriptionRu", draft.descriptionRu());
        putIfPresent(json, "descriptionEn", draft.descriptionEn());
        json.put("type", draft.type().wireName());
        if (draft.criteria() != null) {
            json.put("criteria", draft.criteria().toJson());
        }
        if (draft.refreshSchedule() != null) {
            json.put("refreshSchedule", draft.refreshSchedule().expression());
        }
        putIfPresent(json, "lastCalculatedAt", lastCalculatedAt == null ? null : lastCalculatedAt.toString());
        putIfPresent(json, "currentUserCount", currentUserCount);
        json.put("createdAt", createdAt.toString());
        json.put("updatedAt", updatedAt.toString());
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
