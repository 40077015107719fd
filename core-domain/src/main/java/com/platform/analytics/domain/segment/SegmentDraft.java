package com.platform.analytics.domain.segment;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a client gives to create or replace a segment definition, validated: a dynamic segment has criteria and
 * may have a refresh schedule; a static one has neither (its members are uploaded).
 *
 * @param criteria null for a static segment
 * @param refreshSchedule null when the segment refreshes only on demand
 */
public record SegmentDraft(
        String name,
        String displayNameRu,
        String displayNameEn,
        String descriptionRu,
        String descriptionEn,
        SegmentType type,
        SegmentCriteria criteria,
        CronSchedule refreshSchedule) {
    /** Names are identifiers other services use ({@code active_rpg_players_last_month}). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
    private static final Set<String> MEMBERS = Set.of("name", "displayNameRu", "displayNameEn", "descriptionRu",
            "descriptionEn", "type", "criteria", "refreshSchedule");

    public SegmentDraft {
        requireNonNull(name, "name is null");
        requireNonNull(displayNameRu, "displayNameRu is null");
        requireNonNull(type, "type is null");
        if (!NAME.matcher(name).matches()) {
            throw invalid("/name", "name is 1-255 letters, digits, '_', '.' or '-', found '" + name + "'");
        }
        if (displayNameRu.isBlank() || displayNameRu.length() > 255) {
            throw invalid("/displayNameRu", "displayNameRu is 1-255 characters");
        }
        if (displayNameEn != null && displayNameEn.length() > 255) {
            throw invalid("/displayNameEn", "displayNameEn is at most 255 characters");
        }
        if (type == SegmentType.DYNAMIC && criteria == null) {
            throw invalid("/criteria", "a dynamic segment needs criteria");
        }
        if (type == SegmentType.STATIC && criteria != null) {
            throw invalid("/criteria", "a static segment has no criteria: its members are uploaded");
        }
        if (type == SegmentType.STATIC && refreshSchedule != null) {
            throw invalid("/refreshSchedule", "a static segment has no refresh schedule");
        }
    }

    /**
     * Reads a request body: {@code name}, {@code displayNameRu} (defaults to the name), {@code displayNameEn},
     * {@code descriptionRu}, {@code descriptionEn}, {@code type} ({@code dynamic} by default, or {@code static}),
     * {@code criteria}, {@code refreshSchedule} (5-field cron, UTC).
     *
     * @throws AnalyticsException INVALID_QUERY_PARAMETERS naming the member by JSON pointer
     */
    public static SegmentDraft fromJson(Object body) {
        if (!(body instanceof Map<?, ?> map)) {
            throw invalid("/", "expected a JSON object, found " + Json.typeName(body));
        }
        for (Object key : map.keySet()) {
            if (!MEMBERS.contains(key)) {
                throw invalid("/" + key, "unknown member '" + key + "'");
            }
        }
        String name = string(map, "name", true);
        String typeName = string(map, "type", false);
        SegmentType type = typeName == null ? SegmentType.DYNAMIC : SegmentType.byWireName(typeName)
                .orElseThrow(() -> invalid("/type", "type is 'dynamic' or 'static', found '" + typeName + "'"));
        Object criteriaJson = map.get("criteria");
        SegmentCriteria criteria = criteriaJson == null || criteriaJson == Json.NULL ? null
                : SegmentCriteria.parse(criteriaJson, "/criteria");
        String schedule = string(map, "refreshSchedule", false);
        String displayNameRu = string(map, "displayNameRu", false);
        return new SegmentDraft(name, displayNameRu == null ? name : displayNameRu, string(map, "displayNameEn", false),
                string(map, "descriptionRu", false), string(map, "descriptionEn", false), type, criteria,
                schedule == null ? null : CronSchedule.parse(schedule));
    }

    private static String string(Map<?, ?> map, String key, boolean required) {
        Object v = map.get(key);
        if (v == null || v == Json.NULL) {
            if (required) {
                throw invalid("/" + key, "'" + key + "' is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw invalid("/" + key, "'" + key + "' must be a string, found " + Json.typeName(v));
        }
        return s;
    }

    private static AnalyticsException invalid(String pointer, String detail) {
        return new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, detail, null, pointer, null);
    }
}
