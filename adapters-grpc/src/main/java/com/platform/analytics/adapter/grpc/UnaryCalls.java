package com.platform.analytics.adapter.grpc;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Runs a unary method's work and answers with its result or its failure, unless the caller stopped waiting. */
final class UnaryCalls {
    private UnaryCalls() {
    }

    static <T> void answer(StreamObserver<T> responses, Supplier<T> work) {
        Context context = Context.current();
        if (context.isCancelled()) {
            return;
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            if (!context.isCancelled()) {
                responses.onError(ErrorStatuses.of(e));
            }
            return;
        }
        if (context.isCancelled()) {
            // the deadline passed (or the client left) while the work ran: the call is already closed
            return;
        }
        responses.onNext(result);
        responses.onCompleted();
    }
}
