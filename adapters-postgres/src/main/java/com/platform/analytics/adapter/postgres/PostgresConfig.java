package com.platform.analytics.adapter.postgres;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Where the metadata store lives.
 *
 * <p>Keys (all under {@code metadata.}; see {@link #fromProperties}):
 * <ul>
 *   <li>{@code metadata.mode}: {@code embedded} (default: this process starts PostgreSQL itself) or
 *       {@code external} (an existing server reached by JDBC URL)</li>
 *   <li>{@code metadata.data-dir}: embedded only; the PostgreSQL data directory, kept across restarts
 *       (default: {@code <service data dir>/metadata/postgres}); the superuser's generated password is kept
 *       beside it, in {@code <data-dir>/../secrets/metadata-postgres.password} (mode 0600)</li>
 *   <li>{@code metadata.port}: embedded only; the loopback port, {@code 0} (default) picks a free one</li>
 *   <li>{@code metadata.jdbc-url}: external only, required</li>
 *   <li>{@code metadata.user}: external only, required</li>
 *   <li>{@code metadata.password-file}: external only; a file whose content (trailing newline removed) is the
 *       password</li>
 *   <li>{@code metadata.password-env}: external only; the name of an environment variable holding the
 *       password (used when no password file is given)</li>
 *   <li>{@code metadata.pool-size}: connections in the pool (default 4)</li>
 * </ul>
 *
 * <p>The password itself is never a field: the config names where it is, so printing or logging a config
 * cannot leak it. It is read only when connecting ({@link #password}).
 */
public record PostgresConfig(
        Mode mode,
        Path dataDirectory,
        int port,
        String jdbcUrl,
        String user,
        Path passwordFile,
        String passwordEnv,
        int poolSize) {

    public static final String PREFIX = "metadata.";
    public static final int DEFAULT_POOL_SIZE = 4;
    private static final Set<String> KEYS = Set.of(
            "mode", "data-dir", "port", "jdbc-url", "user", "password-file", "password-env", "pool-size");

    /** Who runs the server. */
    public enum Mode {
        EMBEDDED, EXTERNAL
    }

    public PostgresConfig {
        requireNonNull(mode, "mode is null");
        if (poolSize < 1) {
            throw invalid("metadata.pool-size must be at least 1, got " + poolSize);
        }
        if (mode == Mode.EMBEDDED) {
            requireNonNull(dataDirectory, "dataDirectory is null");
            if (port < 0 || port > 65535) {
                throw invalid("metadata.port must be 0 (any free port) or 1..65535, got " + port);
            }
        } else {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw invalid("metadata.jdbc-url must be a jdbc:postgresql: URL in external mode");
            }
            if (user == null || user.isBlank()) {
                throw invalid("metadata.user is required in external mode");
            }
        }
    }

    /** The embedded server with its data under {@code dataDirectory}; {@code port} 0 picks a free port. */
    public static PostgresConfig embedded(Path dataDirectory, int port) {
        return new PostgresConfig(Mode.EMBEDDED, dataDirectory, port, null, null, null, null, DEFAULT_POOL_SIZE);
    }

    /** An existing server; the password is read from {@code passwordFile}, else from {@code passwordEnv}. */
    public static PostgresConfig external(String jdbcUrl, String user, Path passwordFile, String passwordEnv) {
        return new PostgresConfig(Mode.EXTERNAL, null, 0, jdbcUrl, user, passwordFile, passwordEnv, DEFAULT_POOL_SIZE);
    }

    /** The same, with {@code poolSize} connections in the pool. */
    public PostgresConfig withPoolSize(int poolSize) {
        return new PostgresConfig(mode, dataDirectory, port, jdbcUrl, user, passwordFile, passwordEnv, poolSize);
    }

    /**
     * Reads the {@code metadata.*} keys of a flat configuration. Keys outside the prefix are ignored (they
     * belong to other adapters); an unknown key inside it is an error, so a typo does not go unnoticed.
     *
     * @param defaultDataDirectory the embedded data directory when {@code metadata.data-dir} is absent
     */
    public static PostgresConfig fromProperties(Map<String, String> properties, Path defaultDataDirectory) {
        requireNonNull(properties, "properties is null");
        requireNonNull(defaultDataDirectory, "defaultDataDirectory is null");
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key.substring(PREFIX.length()))) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw invalid("unknown metadata configuration keys: " + unknown);
        }
        Function<String, String> get = key -> {
            String value = properties.get(PREFIX + key);
            return value == null || value.isBlank() ? null : value.trim();
        };
        String modeText = Optional.ofNullable(get.apply("mode")).orElse("embedded");
        Mode mode;
        try {
            mode = Mode.valueOf(modeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("metadata.mode must be embedded or external, got '" + modeText + "'");
        }
        String dataDir = get.apply("data-dir");
        String passwordFile = get.apply("password-file");
        return new PostgresConfig(
                mode,
                dataDir == null ? defaultDataDirectory : Path.of(dataDir),
                integer(get.apply("port"), "port", 0),
                get.apply("jdbc-url"),
                get.apply("user"),
                passwordFile == null ? null : Path.of(passwordFile),
                get.apply("password-env"),
                integer(get.apply("pool-size"), "pool-size", DEFAULT_POOL_SIZE));
    }

    /**
     * The external server's password: the password file's content, else the environment variable's value,
     * else empty (a server that trusts the client). Never logged.
     */
    public Optional<String> password() {
        return password(System::getenv);
    }

    Optional<String> password(Function<String, String> environment) {
        if (passwordFile != null) {
            try {
                return Optional.of(Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                // the file name is fine to show; its content is not read into the message
                throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                        "cannot read the metadata store password file " + passwordFile + ": " + e.getClass().getSimpleName(),
                        null, null, null);
            }
        }
        if (passwordEnv != null) {
            String value = environment.apply(passwordEnv);
            if (value == null) {
                throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                        "environment variable " + passwordEnv + " (metadata.password-env) is not set");
            }
            return Optional.of(value);
        }
        return Optional.empty();
    }

    private static int integer(String text, String key, int defaultValue) {
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(PREFIX + key + " must be an integer, got '" + text + "'");
        }
    }

    /**
     * A configuration mistake is found at start-up, before any request: it is an argument error, not one of
     * the API's error codes (none of them means "the service is misconfigured").
     */
    private static IllegalArgumentException invalid(String detail) {
        return new IllegalArgumentException(detail);
    }
}
