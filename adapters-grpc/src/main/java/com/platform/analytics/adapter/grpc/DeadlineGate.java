package com.platform.analytics.adapter.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Refuses to start a call nobody waits for any more: one whose deadline passed (or that its client cancelled) while
 * it waited for a thread. Work that runs long checks the call's context itself as it goes.
 */
final class DeadlineGate implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Context context = Context.current();
        Deadline deadline = context.getDeadline();
        if (deadline != null && deadline.isExpired()) {
            call.close(Status.DEADLINE_EXCEEDED.withDescription("the call's deadline passed before it started"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        if (context.isCancelled()) {
            call.close(Status.CANCELLED.withDescription("the call was cancelled before it started"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
