package com.platform.analytics.domain.event;

/** Why an event was refused. Each refused event is kept in the dead-letter store under its code. */
public enum RejectionCode {
    /** The event's JSON text does not parse. */
    MALFORMED_JSON,
    /** The CloudEvents 1.0 envelope is invalid (missing or malformed attribute). */
    INVALID_ENVELOPE,
    /** The {@code data} payload does not match the schema of its event type. */
    INVALID_DATA,
    /** An amount is in a currency with no conversion rate configured. */
    UNSUPPORTED_CURRENCY
}
