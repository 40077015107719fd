package com.platform.analytics.domain.privacy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One access to personal data, as the audit log keeps it: who, when, what, on which resource, how many records.
 *
 * @param subject the caller's token subject (an admin, a service account), never an end user's id
 * @param at when the access happened
 * @param action what was done, e.g. {@code segment.export_real_ids}
 * @param resource what it was done to, e.g. {@code segment:<uuid>}
 * @param recordCount how many records of personal data were handed out (0 for a refused attempt)
 * @param detail the purpose the caller gave, or why the attempt was refused
 */
public record AuditEntry(String subject, Instant at, String action, String resource, long recordCount, String detail) {
    public AuditEntry {
        requireNonNull(subject, "subject is null");
        requireNonNull(at, "at is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(detail, "detail is null");
        if (recordCount < 0) {
            throw new IllegalArgumentException("recordCount is not negative, was " + recordCount);
        }
    }
}
