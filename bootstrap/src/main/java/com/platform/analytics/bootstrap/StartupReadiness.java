package com.platform.analytics.bootstrap;

import com.platform.analytics.port.out.ReadinessCheck;
import java.util.Optional;

/** Not ready until the service has started every part (migrations ran, servers and consumers started). */
final class StartupReadiness implements ReadinessCheck {
    private volatile boolean started;

    void started() {
        started = true;
    }

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public Optional<String> problem() {
        return started ? Optional.empty() : Optional.of("the service is still starting");
    }
}
