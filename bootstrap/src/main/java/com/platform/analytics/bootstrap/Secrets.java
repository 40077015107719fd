package com.platform.analytics.bootstrap;

import com.platform.analytics.bootstrap.ConfigLoader.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a secret from the file a configuration key names, else from its environment variable. Secrets never
 * live in the configuration file, and the messages here name where a secret was looked for, never its value.
 */
final class Secrets {
    private Secrets() {
    }

    /** The secret, or empty when neither the file nor the variable gives one. */
    static Optional<String> read(Path file, String envVar, Map<String, String> env) {
        if (file != null) {
            try {
                // a trailing newline is an editor's, not the secret's
                String value = Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
                if (value.isEmpty()) {
                    throw new ConfigException("secret file " + file + " is empty");
                }
                return Optional.of(value);
            } catch (IOException e) {
                throw new ConfigException("cannot read secret file " + file + ": " + e.getMessage());
            }
        }
        String value = env.get(envVar);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** As {@link #read}, but a missing secret is an error naming both places it may come from. */
    static String require(Path file, String fileKey, String envVar, Map<String, String> env) {
        return read(file, envVar, env).orElseThrow(() -> new ConfigException(
                "secret missing: set the environment variable " + envVar + " or name a file in " + fileKey));
    }
}
