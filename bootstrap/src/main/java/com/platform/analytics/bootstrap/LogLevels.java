package com.platform.analytics.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/** Applies {@code logging.*}: the service's log level and the per-request access log (logback, configured in logback.xml). */
final class LogLevels {
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private LogLevels() {
    }

    static void apply(String level, boolean accessLog) {
        String upper = level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new ConfigLoader.ConfigException("logging.level must be one of " + LEVELS + ", got '" + level + "'");
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext)) {
            return; // another SLF4J provider (a test's): it keeps its own configuration
        }
        ((Logger) LoggerFactory.getLogger("com.platform.analytics")).setLevel(Level.toLevel(upper));
        ((Logger) LoggerFactory.getLogger("com.platform.analytics.adapter.http.access")).setLevel(accessLog ? Level.INFO : Level.WARN);
    }
}
