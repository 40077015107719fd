package com.platform.analytics.adapter.grpc;

import com.platform.analytics.port.out.OperationalMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the gRPC calls and API errors recorded, as {@code service/method code} and error code strings. */
final class RecordingMetrics implements OperationalMetrics {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> apiErrors = new CopyOnWriteArrayList<>();

    @Override
    public void grpcRequest(String service, String method, String code, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        calls.add(service + "/" + method + " " + code);
    }

    @Override
    public void apiError(String code) {
        apiErrors.add(code);
    }
}
