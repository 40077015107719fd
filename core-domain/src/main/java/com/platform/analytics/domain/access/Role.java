package com.platform.analytics.domain.access;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The roles of spec 3.1, as tokens name them, and the permissions each grants. */
public enum Role {
    /** Everything, over every game; still not {@link Permission#EXPORT_REAL_USER_IDS}, which is granted by name only. */
    PLATFORM_ADMIN("platform_admin", EnumSet.complementOf(EnumSet.of(Permission.EXPORT_REAL_USER_IDS))),
    /**
     * Aggregated statistics of their own games only (spec 3.1): metrics, analyses and reports, every query restricted
     * to the developer's games. No user lists (segments) and no predictions about users.
     */
    DEVELOPER("developer", EnumSet.of(Permission.READ_METRICS, Permission.RUN_ANALYSES, Permission.RUN_REPORTS)),
    /** Segments, experiments and campaign reports; never raw events. */
    MARKETING_MANAGER("marketing_manager", EnumSet.of(Permission.READ_METRICS, Permission.RUN_ANALYSES,
            Permission.RUN_REPORTS, Permission.READ_SEGMENTS, Permission.MANAGE_SEGMENTS,
            Permission.CHECK_SEGMENT_MEMBERSHIP)),
    /** Internal callers: ingestion, metric values, segment membership, predictions. */
    SERVICE("service", EnumSet.of(Permission.INGEST_EVENTS, Permission.READ_METRICS, Permission.READ_SEGMENTS,
            Permission.CHECK_SEGMENT_MEMBERSHIP, Permission.PREDICT));

    private final String claim;
    private final Set<Permission> grants;

    Role(String claim, Set<Permission> grants) {
        this.claim = claim;
        this.grants = Set.copyOf(grants);
    }

    /** The role's name in a token's {@code roles} claim. */
    public String claim() {
        return claim;
    }

    public Set<Permission> grants() {
        return grants;
    }

    /** The role a token names, or empty for a name this service does not know (ignored, never an error). */
    public static Optional<Role> fromClaim(String name) {
        for (Role r : values()) {
            if (r.claim.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
