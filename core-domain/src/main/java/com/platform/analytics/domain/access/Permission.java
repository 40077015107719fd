package com.platform.analytics.domain.access;

import java.util.Optional;

/**
 * What a caller may do. Roles grant most of them; a token may also name permissions one by one (its
 * {@code permissions} claim), which is the only way to get {@link #EXPORT_REAL_USER_IDS}.
 */
public enum Permission {
    READ_METRICS("metrics:read"),
    RUN_ANALYSES("analyses:run"),
    READ_SEGMENTS("segments:read"),
    MANAGE_SEGMENTS("segments:write"),
    CHECK_SEGMENT_MEMBERSHIP("segments:membership"),
    /** Re-identification: a segment's members as real user ids (marketing delivery), audited. */
    EXPORT_REAL_USER_IDS("segments:export_real_ids"),
    RUN_REPORTS("reports:run"),
    MANAGE_REPORTS("reports:write"),
    INGEST_EVENTS("events:write"),
    READ_RAW_EVENTS("events:read"),
    PREDICT("predictions:run"),
    MANAGE_MODELS("models:write"),
    MANAGE_ALERTS("alerts:write"),
    READ_OPERATIONS("operations:read");

    private final String claim;

    Permission(String claim) {
        this.claim = claim;
    }

    /** The permission's name in a token's {@code permissions} claim. */
    public String claim() {
        return claim;
    }

    public static Optional<Permission> fromClaim(String name) {
        for (Permission p : values()) {
            if (p.claim.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
