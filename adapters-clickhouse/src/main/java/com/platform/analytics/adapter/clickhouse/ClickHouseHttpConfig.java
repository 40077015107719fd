package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How {@link ClickHouseHttpTransport} reaches a ClickHouse server.
 *
 * @param endpoint the server's HTTP interface, e.g. {@code http://127.0.0.1:8123} (http or https)
 * @param database the database statements run in when they name none (the warehouse names its own anyway)
 * @param user the ClickHouse user
 * @param password that user's password, from the caller (environment or secret file, never a config file);
 *     never printed by {@link #toString()}
 * @param connectTimeout how long opening a connection may take
 * @param socketTimeout how long the client waits for the server between bytes; a statement that stays
 *     silent longer fails with a timeout
 * @param queryTimeout the server's {@code max_execution_time} for every statement, whole seconds
 * @param maxRetries how often a statement is sent again where that is safe (see {@link ClickHouseHttpTransport})
 * @param compression LZ4 compression of requests and responses ({@code compress=1}); off by default because
 *     ClickHouse 18.16's implementation of it is broken
 * @param serverSettings settings sent with every statement, e.g. {@code insert_distributed_sync=1} on a cluster
 */
public record ClickHouseHttpConfig(URI endpoint, String database, String user, String password, Duration connectTimeout,
                                   Duration socketTimeout, Duration queryTimeout, int maxRetries, boolean compression,
                                   Map<String, String> serverSettings) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(330);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(300);
    public static final int DEFAULT_MAX_RETRIES = 3;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public ClickHouseHttpConfig {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(database, "database is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(socketTimeout, "socketTimeout is null");
        requireNonNull(queryTimeout, "queryTimeout is null");
        serverSettings = Map.copyOf(requireNonNull(serverSettings, "serverSettings is null"));
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("endpoint must be an http or https URL; got '" + endpoint + "'");
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint has no host: '" + endpoint + "'");
        }
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database must be letters, digits and underscores; got '" + database + "'");
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
        positive(connectTimeout, "connectTimeout");
        positive(socketTimeout, "socketTimeout");
        if (queryTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("queryTimeout must be at least one second; got " + queryTimeout);
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be between 0 and 10; got " + maxRetries);
        }
        serverSettings.keySet().forEach(key -> {
            if (!NAME.matcher(key).matches()) {
                throw new IllegalArgumentException("not a ClickHouse setting name: '" + key + "'");
            }
        });
    }

    /** The defaults for a server at {@code endpoint}: 5 s to connect, 300 s per statement, 3 retries, no compression. */
    public static ClickHouseHttpConfig of(URI endpoint, String database, String user, String password) {
        return new ClickHouseHttpConfig(endpoint, database, user, password, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT,
                DEFAULT_QUERY_TIMEOUT, DEFAULT_MAX_RETRIES, false, Map.of());
    }

    public ClickHouseHttpConfig withTimeouts(Duration connect, Duration socket, Duration query) {
        return new ClickHouseHttpConfig(endpoint, database, user, password, connect, socket, query, maxRetries, compression,
                serverSettings);
    }

    public ClickHouseHttpConfig withMaxRetries(int retries) {
        return new ClickHouseHttpConfig(endpoint, database, user, password, connectTimeout, socketTimeout, queryTimeout,
                retries, compression, serverSettings);
    }

    public ClickHouseHttpConfig withServerSettings(Map<String, String> settings) {
        return new ClickHouseHttpConfig(endpoint, database, user, password, connectTimeout, socketTimeout, queryTimeout,
                maxRetries, compression, settings);
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive; got " + d);
        }
    }

    @Override
    public String toString() {
        return "ClickHouseHttpConfig[endpoint=" + endpoint + ", database=" + database + ", user=" + user
                + ", password=" + (password.isEmpty() ? "(none)" : "(set)") + ", connectTimeout=" + connectTimeout
                + ", socketTimeout=" + socketTimeout + ", queryTimeout=" + queryTimeout + ", maxRetries=" + maxRetries
                + ", compression=" + compression + ", serverSettings=" + serverSettings + "]";
    }
}
