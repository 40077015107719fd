package com.platform.analytics.domain.error;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one exception type of the service: an {@link ErrorCode}, a detail that names the problem, and
 * optionally the request parameter or JSON pointer it is about.
 */
public class AnalyticsException extends RuntimeException {
    private final ErrorCode code;
    private final String parameter;
    private final String pointer;

    public AnalyticsException(ErrorCode code, String detail) {
        this(code, detail, null, null, null);
    }

    public AnalyticsException(ErrorCode code, String detail, String parameter, String pointer, Throwable cause) {
        super(requireNonNull(detail, "detail is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.parameter = parameter;
        this.pointer = pointer;
    }

    public static AnalyticsException invalidParameter(String parameter, String detail) {
        return new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, detail, parameter, null, null);
    }

    public static AnalyticsException invalidBody(String pointer, String detail) {
        return new AnalyticsException(ErrorCode.INVALID_REQUEST_BODY, detail, null, pointer, null);
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    public Optional<String> pointer() {
        return Optional.ofNullable(pointer);
    }
}
