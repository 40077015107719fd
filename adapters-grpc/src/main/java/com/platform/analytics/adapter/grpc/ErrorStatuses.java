package com.platform.analytics.adapter.grpc;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into gRPC statuses the way the REST API turns them into HTTP statuses: the status code from the
 * error code's kind, the API's error code in the trailer {@value #ERROR_CODE_KEY_NAME}, the field at fault in
 * {@value #ERROR_FIELD_KEY_NAME}, the detail in the description. A detail about the service's insides (engine
 * messages, statements, hosts) and an unexpected exception go to the log under an id; the caller gets the title and
 * that id.
 */
final class ErrorStatuses {
    static final String ERROR_CODE_KEY_NAME = "analytics-error-code";
    static final String ERROR_FIELD_KEY_NAME = "analytics-error-field";
    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of(ERROR_CODE_KEY_NAME, Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ERROR_FIELD = Metadata.Key.of(ERROR_FIELD_KEY_NAME, Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger LOG = LoggerFactory.getLogger(ErrorStatuses.class);

    private ErrorStatuses() {
    }

    static Status.Code codeOf(ErrorCode.Kind kind) {
        return switch (kind) {
            case USER_ERROR, UNSUPPORTED_MEDIA_TYPE -> Status.Code.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case FORBIDDEN -> Status.Code.PERMISSION_DENIED;
            case CONFLICT -> Status.Code.FAILED_PRECONDITION;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> Status.Code.UNIMPLEMENTED;
            case TOO_LARGE -> Status.Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case INTERNAL -> Status.Code.INTERNAL;
        };
    }

    /** The status a call ends with when {@code failure} escapes its work. */
    static StatusRuntimeException of(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof AnalyticsException e) {
            return of(e);
        }
        String failureId = UUID.randomUUID().toString();
        LOG.error("gRPC call failed unexpectedly (failure id {})", failureId, failure);
        return status(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred; failure id " + failureId, null);
    }

    static StatusRuntimeException of(AnalyticsException e) {
        ErrorCode code = e.code();
        String detail = e.detail();
        if (code.internalDetail()) {
            String failureId = UUID.randomUUID().toString();
            LOG.error("gRPC call failed (failure id {}): {} {}", failureId, code, detail, e);
            detail = code.title() + (code.kind() == ErrorCode.Kind.UNAVAILABLE ? "; retry later" : "")
                    + " (failure id " + failureId + ")";
        }
        return status(code, detail, e.parameter().or(e::pointer).orElse(null));
    }

    private static StatusRuntimeException status(ErrorCode code, String detail, String field) {
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, code.name());
        if (field != null && isAscii(field)) {
            trailers.put(ERROR_FIELD, field);
        }
        return codeOf(code.kind()).toStatus().withDescription(detail).asRuntimeException(trailers);
    }

    private static boolean isAscii(String text) {
        // an ASCII metadata value takes printable ASCII only; a field name from a request could be anything
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
