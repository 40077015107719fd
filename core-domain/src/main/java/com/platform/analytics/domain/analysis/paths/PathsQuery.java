package com.platform.analytics.domain.analysis.paths;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.analysis.BodyFields;
import com.platform.analytics.domain.event.EventTypes;
import java.util.Map;
import java.util.Set;

/**
 * User paths (KPI_DEFINITIONS.md, Paths), exactly:
 * <ul>
 *   <li>Only activity events ({@link EventTypes#isActivity}) with a user, on days of the range, take part: they
 *       are a user's actions, and they alone keep a session going. Notifications, exposures and other events
 *       the user did not do are neither steps nor session keepers, so the anchor must be an activity type.</li>
 *   <li>A user's events are ordered by time; events of the same millisecond by type name, an arbitrary but
 *       fixed order, so a path can be reproduced (two events of one type and millisecond are the same step either way).</li>
 *   <li>A session ends when more than {@code sessionGapMinutes} pass without an activity event: a gap of
 *       exactly the limit keeps the session, one millisecond more starts a new one.</li>
 *   <li>Each user counts once, with their FIRST session that holds the anchor. From the start event: its first
 *       occurrence in that session is step 0 and the next up to K events of the session are steps 1..K. To the
 *       end event: its last occurrence in that session is step 0 and the up to K events before it are steps
 *       -1..-K. A path ends early when its session does.</li>
 *   <li>A node is (step, event type) with the users whose path has that type at that step; per step the
 *       {@code topN} types by users stay (ties by type name) and the rest are one node {@code other}. An edge
 *       joins consecutive steps of a user's path, weighted by users, so the edges leaving a node never weigh
 *       more than the node's users (less where paths end there).</li>
 * </ul>
 */
public record PathsQuery(AnalysisRange range, PathDirection direction, String anchor, int steps, int topN,
        int sessionGapMinutes) {
    public static final int MAX_STEPS = 10;
    public static final int MAX_TOP_N = 50;
    public static final int DEFAULT_TOP_N = 10;
    public static final int DEFAULT_SESSION_GAP_MINUTES = 30;
    /** A day: longer gaps would make one session of a user's whole month. */
    public static final int MAX_SESSION_GAP_MINUTES = 1440;
    /** The node name of the event types past each step's top N. */
    public static final String OTHER = "other";
    private static final Set<String> FIELDS = AnalysisRange.fieldsWith("start", "end", "steps", "topN", "sessionGapMinutes");

    public PathsQuery {
        requireNonNull(range, "range is null");
        requireNonNull(direction, "direction is null");
        requireNonNull(anchor, "anchor is null");
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be 1.." + MAX_STEPS);
        }
        if (topN < 1 || topN > MAX_TOP_N) {
            throw new IllegalArgumentException("topN must be 1.." + MAX_TOP_N);
        }
        if (sessionGapMinutes < 1 || sessionGapMinutes > MAX_SESSION_GAP_MINUTES) {
            throw new IllegalArgumentException("sessionGapMinutes must be 1.." + MAX_SESSION_GAP_MINUTES);
        }
    }

    public long sessionGapMillis() {
        return sessionGapMinutes * 60_000L;
    }

    /**
     * Reads a request body: {@code from}, {@code to} (required), {@code tz} (UTC), exactly one of {@code start}
     * and {@code end} (an activity event type), {@code steps} (required, 1..10), {@code topN} (10, 1..50),
     * {@code sessionGapMinutes} (30, 1..1440).
     */
    public static PathsQuery fromJson(Map<String, Object> json) {
        BodyFields body = new BodyFields(json, FIELDS);
        AnalysisRange range = AnalysisRange.read(body);
        boolean hasStart = body.has("start");
        boolean hasEnd = body.has("end");
        if (hasStart == hasEnd) {
            throw BodyFields.invalid(hasStart ? "end" : "start",
                    "give exactly one of start (paths after an event) and end (paths before an event)");
        }
        String field = hasStart ? "start" : "end";
        String anchor = body.eventType(field, null);
        if (!EventTypes.isActivity(anchor)) {
            throw BodyFields.invalid(field, field + " must be an activity event type (paths are made of them); '"
                    + anchor + "' is not one; known: " + String.join(", ", EventTypes.ACTIVITY.stream().sorted().toList()));
        }
        int steps = body.requiredInteger("steps", 1, MAX_STEPS, "how many events after (before) the anchor");
        int topN = body.integer("topN", DEFAULT_TOP_N, 1, MAX_TOP_N);
        int gap = body.integer("sessionGapMinutes", DEFAULT_SESSION_GAP_MINUTES, 1, MAX_SESSION_GAP_MINUTES);
        return new PathsQuery(range, hasStart ? PathDirection.FROM_START : PathDirection.TO_END, anchor, steps, topN, gap);
    }
}
