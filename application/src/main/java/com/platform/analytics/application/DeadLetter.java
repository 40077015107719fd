package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.Rejection;

/**
 * A refused event as the dead-letter store keeps it: the rejection and the event with every identifier
 * already pseudonymized ({@code content}: a JSON tree, or for text that did not parse, the redacted text).
 */
record DeadLetter(Rejection rejection, Object content, boolean rawText) {
    DeadLetter {
        requireNonNull(rejection, "rejection is null");
    }
}
