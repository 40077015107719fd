package com.platform.analytics.domain.event;

import static java.util.Objects.requireNonNull;

/**
 * A refused event: its position in the request, why, and where (a JSON pointer into the event, such as
 * {@code /data/userId}; null when the event as a whole is at fault).
 */
public record Rejection(int index, RejectionCode code, String detail, String pointer) {
    public Rejection {
        requireNonNull(code, "code is null");
        requireNonNull(detail, "detail is null");
    }
}
