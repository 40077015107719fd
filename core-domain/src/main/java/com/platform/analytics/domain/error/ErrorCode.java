package com.platform.analytics.domain.error;

/** The error codes of the API (spec 8.2 and the ingestion codes), each classified by whose fault it is. */
public enum ErrorCode {
    METRIC_DEFINITION_NOT_FOUND(Kind.NOT_FOUND, "Metric definition not found"),
    REPORT_DEFINITION_NOT_FOUND(Kind.NOT_FOUND, "Report definition not found"),
    REPORT_INSTANCE_NOT_FOUND(Kind.NOT_FOUND, "Report instance not found"),
    /** A report asked for before it was generated: ask again later (its status says when it is completed). */
    REPORT_NOT_READY(Kind.CONFLICT, "Report not ready yet"),
    /** A write that contradicts the resource's current state: it exists already, or a concurrent change got there first. */
    CONFLICT(Kind.CONFLICT, "Conflict"),
    SEGMENT_DEFINITION_NOT_FOUND(Kind.NOT_FOUND, "Segment definition not found"),
    ML_MODEL_NOT_FOUND(Kind.NOT_FOUND, "ML model not found"),
    RESOURCE_NOT_FOUND(Kind.NOT_FOUND, "Resource not found"),
    METHOD_NOT_ALLOWED(Kind.METHOD_NOT_ALLOWED, "Method not allowed"),
    INVALID_QUERY_PARAMETERS(Kind.USER_ERROR, "Invalid query parameters"),
    INVALID_REQUEST_BODY(Kind.USER_ERROR, "Invalid request body"),
    UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    PAYLOAD_TOO_LARGE(Kind.TOO_LARGE, "Payload too large"),
    ACCESS_DENIED_TO_RESOURCE(Kind.FORBIDDEN, "Access denied"),
    /** No credentials, or credentials that do not verify (bad signature, expired, wrong audience...). */
    UNAUTHENTICATED(Kind.UNAUTHENTICATED, "Authentication required"),
    DATA_NOT_YET_AVAILABLE(Kind.UNAVAILABLE, "Data not yet available"),
    REPORT_GENERATION_FAILED(Kind.INTERNAL, "Report generation failed", true),
    PREDICTION_FAILED(Kind.INTERNAL, "Prediction failed", true),
    STORAGE_UNAVAILABLE(Kind.UNAVAILABLE, "Storage unavailable", true),
    SERVICE_BUSY(Kind.UNAVAILABLE, "Service busy"),
    INTERNAL_ERROR(Kind.INTERNAL, "Internal error", true);

    /** Whose fault an error is; the HTTP adapter maps it to a status. */
    public enum Kind {
        USER_ERROR, UNAUTHENTICATED, NOT_FOUND, CONFLICT, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, TOO_LARGE, FORBIDDEN, UNAVAILABLE, INTERNAL
    }

    private final Kind kind;
    private final String title;
    private final boolean internalDetail;

    ErrorCode(Kind kind, String title) {
        this(kind, title, false);
    }

    ErrorCode(Kind kind, String title, boolean internalDetail) {
        this.kind = kind;
        this.title = title;
        this.internalDetail = internalDetail;
    }

    /**
     * Whether the detail of such an error describes the service's insides (engine messages, statements,
     * hosts): it is for the log, and clients get the title and a request id instead.
     */
    public boolean internalDetail() {
        return internalDetail;
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }
}
