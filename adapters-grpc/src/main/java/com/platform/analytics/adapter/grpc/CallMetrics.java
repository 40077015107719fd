package com.platform.analytics.adapter.grpc;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.port.out.OperationalMetrics;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records every call once for operators: {@code grpc_requests_total{service,method,code}} and its duration when it
 * closes (or is cancelled: deadline passed, client gone), and {@code api_errors_total{code}} for a failure that
 * carries one of the API's error codes.
 */
final class CallMetrics implements ServerInterceptor {
    private final OperationalMetrics metrics;

    CallMetrics(OperationalMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        String service = call.getMethodDescriptor().getServiceName();
        String method = call.getMethodDescriptor().getBareMethodName();
        AtomicBoolean recorded = new AtomicBoolean();
        ServerCall<Q, R> recording = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (recorded.compareAndSet(false, true)) {
                    metrics.grpcRequest(service, method, status.getCode().name(), Duration.ofNanos(System.nanoTime() - started));
                    String errorCode = trailers.get(ErrorStatuses.ERROR_CODE);
                    if (errorCode != null) {
                        metrics.apiError(errorCode);
                    }
                }
                super.close(status, trailers);
            }
        };
        Context context = Context.current();
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(recording, headers)) {
            @Override
            public void onCancel() {
                if (recorded.compareAndSet(false, true)) {
                    Deadline deadline = context.getDeadline();
                    Status.Code code = deadline != null && deadline.isExpired() ? Status.Code.DEADLINE_EXCEEDED : Status.Code.CANCELLED;
                    metrics.grpcRequest(service, method, code.name(), Duration.ofNanos(System.nanoTime() - started));
                }
                super.onCancel();
            }
        };
    }
}
