package com.platform.analytics.adapter.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where the management endpoints listen, apart from the API so that they can be firewalled off and keep answering
 * while the API is saturated.
 *
 * @param host {@code management.host}: the address to bind; loopback by default, {@code 0.0.0.0} in a pod
 * @param port {@code management.port}: the port; 0 picks a free one (tests)
 * @param readinessTimeout {@code management.readiness_timeout}: how long one readiness check may take before it
 *     counts as failing
 */
public record ManagementConfig(String host, int port, Duration readinessTimeout) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;
    public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(2);

    public ManagementConfig {
        requireNonNull(host, "host is null");
        requireNonNull(readinessTimeout, "readinessTimeout is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("management.host is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("management.port out of range: " + port);
        }
        if (readinessTimeout.isNegative() || readinessTimeout.isZero()) {
            throw new IllegalArgumentException("management.readiness_timeout must be positive: " + readinessTimeout);
        }
    }

    public static ManagementConfig defaults() {
        return new ManagementConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_READINESS_TIMEOUT);
    }

    public ManagementConfig withAddress(String newHost, int newPort) {
        return new ManagementConfig(newHost, newPort, readinessTimeout);
    }

    public ManagementConfig withReadinessTimeout(Duration timeout) {
        return new ManagementConfig(host, port, timeout);
    }
}
