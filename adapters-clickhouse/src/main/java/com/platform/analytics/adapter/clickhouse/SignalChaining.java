package com.platform.analytics.adapter.clickhouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that the JVM chains signals (libjsig is loaded) before chDB is loaded. chDB installs its own
 * handlers for SIGSEGV and friends; without libjsig they replace the JVM's, and the JVM, which uses SIGSEGV
 * for implicit null checks and safepoints, hangs or dies at its first one. That failure is far from its
 * cause, so the engine refuses to start instead, saying what to set.
 */
final class SignalChaining {
    private static final Path PROC_MAPS = Path.of("/proc/self/maps");

    private SignalChaining() {
    }

    /** Throws {@link IllegalStateException} with the fix when this JVM does not chain signals. */
    static void requireForThisJvm() {
        String maps = null;
        if (Files.isReadable(PROC_MAPS)) {
            try {
                maps = Files.readString(PROC_MAPS, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                maps = null;
            }
        }
        Optional<String> problem = problem(System.getProperty("os.name", ""), maps, System.getenv(),
                System.getProperty("java.home", "$JAVA_HOME"));
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
    }

    /**
     * Why chDB must not be loaded, or empty when it may.
     *
     * @param mapsText the text of {@code /proc/self/maps}, or null where there is none (macOS)
     */
    static Optional<String> problem(String osName, String mapsText, Map<String, String> env, String javaHome) {
        boolean mac = osName.toLowerCase(Locale.ROOT).contains("mac");
        boolean chained;
        if (mapsText != null) {
            chained = mapsText.contains("/libjsig.so") || mapsText.contains("/libjsig.dylib");
        } else {
            // no /proc: the only evidence left is the variable that makes the loader inject libjsig
            String inserted = env.getOrDefault(mac ? "DYLD_INSERT_LIBRARIES" : "LD_PRELOAD", "");
            chained = inserted.contains("libjsig");
        }
        if (chained) {
            return Optional.empty();
        }
        String fix = mac
                ? "DYLD_INSERT_LIBRARIES=" + javaHome + "/lib/libjsig.dylib"
                : "LD_PRELOAD=" + javaHome + "/lib/libjsig.so";
        return Optional.of("chDB needs the JVM to chain signals, and libjsig is not loaded in this JVM. Start the JVM "
                + "with the environment variable " + fix + " (in general: " + (mac
                        ? "DYLD_INSERT_LIBRARIES=$JAVA_HOME/lib/libjsig.dylib"
                        : "LD_PRELOAD=$JAVA_HOME/lib/libjsig.so")
                + "; bin/analytics and the Maven Surefire configuration set it). Without it chDB's signal handlers "
                + "replace the JVM's and the JVM hangs or crashes at its first implicit null check.");
    }
}
