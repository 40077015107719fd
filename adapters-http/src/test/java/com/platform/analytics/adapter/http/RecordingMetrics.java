package com.platform.analytics.adapter.http;

import com.platform.analytics.port.out.OperationalMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the server records about its requests. */
final class RecordingMetrics implements OperationalMetrics {
    record Request(String method, String route, int status, Duration duration) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();

    @Override
    public void httpRequest(String method, String route, int status, Duration duration) {
        requests.add(new Request(method, route, status, duration));
    }

    @Override
    public void apiError(String code) {
        errors.add(code);
    }
}
