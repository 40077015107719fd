package com.platform.analytics.domain.lake;

import com.platform.analytics.domain.event.RejectionCode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Where things live in the raw data lake (spec 4.2.3). Paths are object keys, {@code /}-separated, the same
 * in a local directory and in an S3 bucket:
 * <pre>
 * raw_events/service_name=&lt;service&gt;/event_type=&lt;type&gt;/year=YYYY/month=MM/day=DD/hour=HH/&lt;uuid&gt;.json.gz
 * dead_letter/reason=&lt;code&gt;/year=YYYY/month=MM/day=DD/hour=HH/&lt;uuid&gt;.json.gz
 * </pre>
 * Raw events are partitioned by their {@code time} in UTC (when they happened); dead letters by when they
 * were refused.
 */
public final class LakeLayout {
    public static final String RAW_EVENTS = "raw_events/";
    public static final String DEAD_LETTER = "dead_letter/";

    private LakeLayout() {
    }

    /** The partition directory (ending in {@code /}) of an event. */
    public static String rawEventsPartition(String serviceName, String type, Instant time) {
        return RAW_EVENTS + "service_name=" + safe(serviceName) + "/event_type=" + safe(type) + "/" + hourPath(time);
    }

    /** The partition directory (ending in {@code /}) of refused events. */
    public static String deadLetterPartition(RejectionCode code, Instant refusedAt) {
        return DEAD_LETTER + "reason=" + code.name() + "/" + hourPath(refusedAt);
    }

    private static String hourPath(Instant time) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        return String.format("year=%04d/month=%02d/day=%02d/hour=%02d/", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour());
    }

    /** Keeps a path segment a single, harmless segment whatever a producer puts in source or type. */
    static String safe(String segment) {
        StringBuilder sb = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
            sb.append(ok ? c : '_');
        }
        String s = sb.toString();
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" : s;
    }
}
