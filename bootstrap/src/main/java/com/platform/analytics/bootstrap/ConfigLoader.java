package com.platform.analytics.bootstrap;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the configuration: built-in defaults, then the YAML file, then {@code ANALYTICS_*} environment
 * variables, then command-line overrides. A key nobody reads is an error that names it, so a typo never
 * silently leaves a default in force.
 */
public final class ConfigLoader {
    static final String RATES_PREFIX = "currency.rates_rub.";
    /** Keys whose YAML value may be a list (kept as comma-separated text, as their environment variable is). */
    private static final java.util.Set<String> LIST_KEYS = java.util.Set.of("kafka.topics", "auth.jwt.audiences",
            "auth.jwt.algorithms");
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("profile", "embedded");
        DEFAULTS.put("server.host", "127.0.0.1");
        DEFAULTS.put("server.port", "8080");
        DEFAULTS.put("data_dir", "./data");
        DEFAULTS.put("ingest.max_body_bytes", "10485760");
        DEFAULTS.put("ingest.max_events", "10000");
        DEFAULTS.put("pseudonymization.key_id", "k1");
        DEFAULTS.put("pseudonymization.secret_file", "");
        DEFAULTS.put("warehouse.database", "analytics");
        DEFAULTS.put("warehouse.pool_size", "3");
        DEFAULTS.put("metadata.port", "0");
        // the lake writer: events are journaled (durable) per request, then rolled into lake objects
        DEFAULTS.put("lake.journal_dir", "");
        DEFAULTS.put("lake.roll.max_object_mib", "64");
        DEFAULTS.put("lake.roll.max_buffered_mib", "256");
        DEFAULTS.put("lake.roll.max_age_seconds", "60");
        // the cluster profile's servers (read only when profile is cluster); secrets: see ClusterSettings
        // server: a ClickHouse server over HTTP; embedded: chDB in this process (one node, or no modern server at hand)
        DEFAULTS.put("warehouse.engine", "server");
        DEFAULTS.put("warehouse.url", "");
        DEFAULTS.put("warehouse.user", "default");
        DEFAULTS.put("warehouse.password_file", "");
        DEFAULTS.put("warehouse.cluster", "");
        DEFAULTS.put("warehouse.query_timeout_seconds", "300");
        DEFAULTS.put("metadata.jdbc_url", "");
        DEFAULTS.put("metadata.user", "analytics");
        DEFAULTS.put("metadata.password_file", "");
        DEFAULTS.put("metadata.pool_size", "4");
        DEFAULTS.put("lake.s3.endpoint", "");
        DEFAULTS.put("lake.s3.region", "us-east-1");
        DEFAULTS.put("lake.s3.bucket", "");
        DEFAULTS.put("lake.s3.prefix", "");
        DEFAULTS.put("lake.s3.path_style", "false");
        DEFAULTS.put("lake.s3.access_key_id_file", "");
        DEFAULTS.put("lake.s3.secret_access_key_file", "");
        DEFAULTS.put("kafka.bootstrap_servers", "");
        DEFAULTS.put("kafka.group_id", "analytics-service");
        DEFAULTS.put("kafka.topics", "");
        // every platform topic but this service's own (its events are published there) and dead letters
        DEFAULTS.put("kafka.topic_pattern", "com\\.platform\\.(?!analytics\\.).+");
        DEFAULTS.put("kafka.dead_letter_suffix", ".dlq");
        DEFAULTS.put("kafka.max_poll_records", "5000");
        // consumers of the group in this process: each has one batch in flight, two keep both cores busy
        DEFAULTS.put("kafka.consumers", "2");
        DEFAULTS.put("kafka.publish_topic", "com.platform.analytics.events.v1");
        // who may call: none (only while every listener binds loopback) or jwt (bearer tokens verified here)
        DEFAULTS.put("auth.mode", "none");
        DEFAULTS.put("auth.jwt.issuer", "");
        DEFAULTS.put("auth.jwt.audiences", "");
        DEFAULTS.put("auth.jwt.jwks_url", "");
        DEFAULTS.put("auth.jwt.public_key_file", "");
        DEFAULTS.put("auth.jwt.algorithms", "RS256,ES256");
        DEFAULTS.put("auth.jwt.clock_skew_seconds", "60");
        DEFAULTS.put("auth.jwt.jwks_cache_seconds", "600");
        DEFAULTS.put("auth.jwt.claims.roles", "roles");
        DEFAULTS.put("auth.jwt.claims.permissions", "permissions");
        DEFAULTS.put("auth.jwt.claims.developer_id", "developer_id");
        // internal callers over gRPC (serve only)
        DEFAULTS.put("grpc.enabled", "true");
        DEFAULTS.put("grpc.host", "127.0.0.1");
        DEFAULTS.put("grpc.port", "9090");
        // Prometheus /metrics and the probes, apart from the API (serve only)
        DEFAULTS.put("management.host", "127.0.0.1");
        DEFAULTS.put("management.port", "9464");
        // OpenTelemetry traces over OTLP/HTTP: off unless an endpoint is given
        DEFAULTS.put("tracing.otlp_endpoint", "");
        DEFAULTS.put("tracing.service_name", "analytics-service");
        DEFAULTS.put("tracing.sample_ratio", "1.0");
        // scheduled jobs (segment refreshes, mart freshness, ...) run by serve, each fire once across instances
        DEFAULTS.put("scheduler.enabled", "true");
        DEFAULTS.put("scheduler.pool_size", "2");
        // metric values answered again from memory for this long (0: never), unless events were stored meanwhile
        DEFAULTS.put("metrics.cache_seconds", "30");
        // JSON logs on standard error: the service's level, and one line per request
        DEFAULTS.put("logging.level", "INFO");
        DEFAULTS.put("logging.access_log", "false");
        // re-identification (marketing delivery): pseudonym -> real id, encrypted, exported only with a dedicated permission
        DEFAULTS.put("tls.cert_file", "");
        DEFAULTS.put("tls.key_file", "");
        DEFAULTS.put("vault.enabled", "false");
        DEFAULTS.put("vault.key_id", "v1");
        DEFAULTS.put("vault.key_file", "");
        // the same rates as configs/analytics_config.yaml, so a run without --config converts them too
        DEFAULTS.put(RATES_PREFIX + "USD", "92.50");
        DEFAULTS.put(RATES_PREFIX + "EUR", "100.20");
        DEFAULTS.put(RATES_PREFIX + "KZT", "0.19");
        DEFAULTS.put(RATES_PREFIX + "BYN", "28.40");
    }

    private ConfigLoader() {
    }

    /**
     * @param file the YAML file, or null for defaults only
     * @param env environment variables (only {@code ANALYTICS_*} are read)
     * @param overrides command-line overrides by key
     */
    public static AnalyticsConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        if (file != null) {
            Map<String, String> fromFile = new TreeMap<>();
            flatten("", readYaml(file), fromFile, file);
            for (Map.Entry<String, String> e : fromFile.entrySet()) {
                requireKnown(e.getKey(), "in " + file);
                values.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith("ANALYTICS_") || ClusterSettings.SECRET_ENV.contains(e.getKey())) {
                continue;
            }
            String key = envToKey(e.getKey(), values);
            requireKnown(key, "from environment variable " + e.getKey());
            values.put(key, e.getValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            requireKnown(e.getKey(), "from the command line");
            values.put(e.getKey(), e.getValue());
        }
        Map<String, BigDecimal> rates = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(RATES_PREFIX)) {
                String currency = e.getKey().substring(RATES_PREFIX.length());
                if (!currency.matches("[A-Z]{3}")) {
                    throw new ConfigException(e.getKey() + ": currency must be an ISO 4217 code such as USD");
                }
                BigDecimal rate = decimal(e.getKey(), e.getValue());
                if (rate.signum() <= 0) {
                    throw new ConfigException(e.getKey() + ": a rate must be positive, got " + e.getValue());
                }
                rates.put(currency, rate);
            }
        }
        String profile = values.get("profile");
        if (!profile.equals("embedded") && !profile.equals("cluster")) {
            throw new ConfigException("profile must be 'embedded' (one process, no servers) or 'cluster' (Kafka, "
                    + "ClickHouse, PostgreSQL and S3 servers), got '" + profile + "'");
        }
        String secretFile = values.get("pseudonymization.secret_file");
        LogLevels.apply(values.get("logging.level").trim(), bool("logging.access_log", values.get("logging.access_log")));
        return new AnalyticsConfig(
                profile,
                values.get("server.host"),
                integer("server.port", values.get("server.port"), 0, 65535),
                Path.of(values.get("data_dir")),
                integer("ingest.max_body_bytes", values.get("ingest.max_body_bytes"), 1024, Integer.MAX_VALUE),
                integer("ingest.max_events", values.get("ingest.max_events"), 1, 1_000_000),
                values.get("pseudonymization.key_id"),
                secretFile == null || secretFile.isBlank() ? null : Path.of(secretFile),
                rates,
                values.get("warehouse.database"),
                integer("warehouse.pool_size", values.get("warehouse.pool_size"), 1, 64),
                integer("metadata.port", values.get("metadata.port"), 0, 65535),
                new AnalyticsConfig.LakeRolling(path(values.get("lake.journal_dir")),
                        integer("lake.roll.max_object_mib", values.get("lake.roll.max_object_mib"), 1, 4096) * 1024L * 1024L,
                        integer("lake.roll.max_buffered_mib", values.get("lake.roll.max_buffered_mib"), 1, 65536) * 1024L * 1024L,
                        java.time.Duration.ofSeconds(integer("lake.roll.max_age_seconds", values.get("lake.roll.max_age_seconds"), 1, 86_400))),
                profile.equals("cluster") ? cluster(values) : null,
                surface(values),
                integer("metrics.cache_seconds", values.get("metrics.cache_seconds"), 0, 86_400),
                bool("scheduler.enabled", values.get("scheduler.enabled")) ? integer("scheduler.pool_size",
                        values.get("scheduler.pool_size"), 1, 64) : 0);
    }

    /** Authentication, gRPC, management and tracing; authentication off is refused on any non-loopback listener. */
    private static ServiceSurface surface(Map<String, String> v) {
        String mode = v.get("auth.mode").trim();
        if (!mode.equals("none") && !mode.equals("jwt")) {
            throw new ConfigException("auth.mode must be 'none' (loopback only) or 'jwt', got '" + mode + "'");
        }
        boolean grpcOn = bool("grpc.enabled", v.get("grpc.enabled"));
        ServiceSurface.Endpoint grpc = grpcOn
                ? new ServiceSurface.Endpoint(v.get("grpc.host").trim(), integer("grpc.port", v.get("grpc.port"), 0, 65535)) : null;
        ServiceSurface.Endpoint management = new ServiceSurface.Endpoint(v.get("management.host").trim(),
                integer("management.port", v.get("management.port"), 0, 65535));
        ServiceSurface.Auth auth;
        if (mode.equals("none")) {
            for (String key : grpcOn ? List.of("server.host", "grpc.host") : List.of("server.host")) {
                if (!ServiceSurface.isLoopback(v.get(key))) {
                    throw new ConfigException(key + " is '" + v.get(key).trim() + "', not a loopback address, and auth.mode is"
                            + " none: anyone who can reach it would act as an administrator. Configure auth.mode: jwt"
                            + " (auth.jwt.issuer, auth.jwt.audiences, auth.jwt.jwks_url or auth.jwt.public_key_file) or bind"
                            + " 127.0.0.1");
                }
            }
            auth = ServiceSurface.Auth.NONE;
        } else {
            String jwks = v.get("auth.jwt.jwks_url").trim();
            auth = new ServiceSurface.Auth(true, required(v, "auth.jwt.issuer", "when auth.mode is jwt"),
                    list(required(v, "auth.jwt.audiences", "when auth.mode is jwt")),
                    jwks.isEmpty() ? null : uri("auth.jwt.jwks_url", jwks), path(v.get("auth.jwt.public_key_file")),
                    list(required(v, "auth.jwt.algorithms", "when auth.mode is jwt")),
                    integer("auth.jwt.clock_skew_seconds", v.get("auth.jwt.clock_skew_seconds"), 0, 300),
                    integer("auth.jwt.jwks_cache_seconds", v.get("auth.jwt.jwks_cache_seconds"), 30, 86_400),
                    required(v, "auth.jwt.claims.roles", ""), required(v, "auth.jwt.claims.permissions", ""),
                    required(v, "auth.jwt.claims.developer_id", ""));
            if ((auth.jwksUrl() == null) == (auth.publicKeyFile() == null)) {
                throw new ConfigException("auth.mode jwt needs exactly one of auth.jwt.jwks_url and auth.jwt.public_key_file");
            }
        }
        String otlp = v.get("tracing.otlp_endpoint").trim();
        ServiceSurface.Tracing tracing = null;
        if (!otlp.isEmpty()) {
            uri("tracing.otlp_endpoint", otlp);
            double ratio = decimal("tracing.sample_ratio", v.get("tracing.sample_ratio")).doubleValue();
            if (ratio < 0 || ratio > 1) {
                throw new ConfigException("tracing.sample_ratio must be between 0 and 1, got " + v.get("tracing.sample_ratio"));
            }
            tracing = new ServiceSurface.Tracing(otlp, required(v, "tracing.service_name", ""), ratio);
        }
        ServiceSurface.Vault vault = bool("vault.enabled", v.get("vault.enabled"))
                ? new ServiceSurface.Vault(required(v, "vault.key_id", "when vault.enabled is true"), path(v.get("vault.key_file")))
                : null;
        Path tlsCert = path(v.get("tls.cert_file"));
        Path tlsKey = path(v.get("tls.key_file"));
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ConfigException("TLS needs both tls.cert_file (the certificate chain, PEM) and tls.key_file (its PKCS#8"
                    + " private key, PEM); only " + (tlsCert == null ? "tls.key_file" : "tls.cert_file") + " is set");
        }
        ServiceSurface.Tls tls = null;
        if (tlsCert != null) {
            for (Path file : List.of(tlsCert, tlsKey)) {
                if (!java.nio.file.Files.isReadable(file)) {
                    throw new ConfigException("TLS file " + file + " does not exist or cannot be read");
                }
            }
            tls = new ServiceSurface.Tls(tlsCert, tlsKey);
        }
        return new ServiceSurface(auth, grpc, management, tracing, vault, tls);
    }

    private static List<String> list(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The cluster profile's servers; every required key is checked here, so start-up fails before connecting. */
    private static ClusterSettings cluster(Map<String, String> v) {
        String topics = v.get("kafka.topics").trim();
        String pattern = v.get("kafka.topic_pattern").trim();
        if (!pattern.isEmpty()) {
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new ConfigException("kafka.topic_pattern is not a valid regular expression: " + e.getDescription());
            }
        }
        if (topics.isEmpty() && pattern.isEmpty()) {
            throw new ConfigException("kafka.topics or kafka.topic_pattern must be set on the cluster profile");
        }
        String endpoint = v.get("lake.s3.endpoint").trim();
        String engine = v.get("warehouse.engine").trim();
        if (!engine.equals("server") && !engine.equals("embedded")) {
            throw new ConfigException("warehouse.engine must be 'server' (ClickHouse over HTTP) or 'embedded' (chDB in this "
                    + "process), got '" + engine + "'");
        }
        boolean inProcess = engine.equals("embedded");
        return new ClusterSettings(
                new ClusterSettings.Warehouse(inProcess, inProcess ? null : uri("warehouse.url", required(v, "warehouse.url")),
                        required(v, "warehouse.user"),
                        path(v.get("warehouse.password_file")), v.get("warehouse.cluster").trim(),
                        java.time.Duration.ofSeconds(integer("warehouse.query_timeout_seconds",
                                v.get("warehouse.query_timeout_seconds"), 1, 86_400))),
                new ClusterSettings.Metadata(jdbcUrl(required(v, "metadata.jdbc_url")), required(v, "metadata.user"),
                        path(v.get("metadata.password_file")), integer("metadata.pool_size", v.get("metadata.pool_size"), 1, 256)),
                new ClusterSettings.Lake(endpoint.isEmpty() ? null : uri("lake.s3.endpoint", endpoint),
                        required(v, "lake.s3.region"), required(v, "lake.s3.bucket"), v.get("lake.s3.prefix").trim(),
                        bool("lake.s3.path_style", v.get("lake.s3.path_style")), path(v.get("lake.s3.access_key_id_file")),
                        path(v.get("lake.s3.secret_access_key_file"))),
                new ClusterSettings.Kafka(required(v, "kafka.bootstrap_servers"), required(v, "kafka.group_id"),
                        topics.isEmpty() ? List.of() : java.util.Arrays.stream(topics.split(",")).map(String::trim)
                                .filter(t -> !t.isEmpty()).toList(),
                        topics.isEmpty() ? pattern : null, required(v, "kafka.dead_letter_suffix"),
                        integer("kafka.max_poll_records", v.get("kafka.max_poll_records"), 1, 10_000),
                        integer("kafka.consumers", v.get("kafka.consumers"), 1, 64),
                        required(v, "kafka.publish_topic")));
    }

    private static String required(Map<String, String> values, String key) {
        return required(values, key, "on the cluster profile");
    }

    private static String required(Map<String, String> values, String key, String when) {
        String value = values.get(key).trim();
        if (value.isEmpty()) {
            throw new ConfigException(key + " must be set" + (when.isEmpty() ? "" : " " + when));
        }
        return value;
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    private static java.net.URI uri(String key, String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(key + " must be an http(s) URL such as http://127.0.0.1:8123, got '" + value + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(key + " is not a URL: " + e.getMessage());
        }
    }

    private static String jdbcUrl(String value) {
        if (!value.startsWith("jdbc:postgresql://")) {
            throw new ConfigException("metadata.jdbc_url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got '"
                    + value + "'");
        }
        return value;
    }

    private static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key + " must be true or false, got '" + value + "'");
        };
    }

    private static void requireKnown(String key, String where) {
        if (!DEFAULTS.containsKey(key) && !key.startsWith(RATES_PREFIX)) {
            throw new ConfigException("unknown configuration key '" + key + "' " + where + "; known keys: "
                    + String.join(", ", DEFAULTS.keySet()) + ", " + RATES_PREFIX + "<CURRENCY>");
        }
    }

    /** ANALYTICS_SERVER_PORT -> server.port; ANALYTICS_CURRENCY_RATES_RUB_USD -> currency.rates_rub.USD. */
    static String envToKey(String name, Map<String, String> known) {
        String rest = name.substring("ANALYTICS_".length());
        String ratesEnv = "CURRENCY_RATES_RUB_";
        if (rest.startsWith(ratesEnv)) {
            return RATES_PREFIX + rest.substring(ratesEnv.length());
        }
        for (String key : DEFAULTS.keySet()) {
            if (key.replace('.', '_').toUpperCase(Locale.ROOT).equals(rest)) {
                return key;
            }
        }
        return rest.toLowerCase(Locale.ROOT);
    }

    private static Object readYaml(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            return doc == null ? Map.of() : doc;
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ConfigException("configuration file " + file + " is not valid YAML: " + e.getMessage());
        }
    }

    private static void flatten(String prefix, Object node, Map<String, String> out, Path file) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out, file);
            }
        } else if (node instanceof List<?> list && LIST_KEYS.contains(prefix)) {
            List<String> items = new java.util.ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> || item instanceof List<?>) {
                    throw new ConfigException("configuration key '" + prefix + "' in " + file + " must list plain values");
                }
                items.add(String.valueOf(item));
            }
            out.put(prefix, String.join(",", items));
        } else if (node instanceof List<?>) {
            throw new ConfigException("configuration key '" + prefix + "' in " + file + " must be a single value, not a list");
        } else {
            out.put(prefix, node == null ? "" : String.valueOf(node));
        }
    }

    private static int integer(String key, String value, int min, int max) {
        try {
            long v = Long.parseLong(value.trim());
            if (v < min || v > max) {
                throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + value);
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be an integer, got '" + value + "'");
        }
    }

    private static BigDecimal decimal(String key, String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a decimal number, got '" + value + "'");
        }
    }

    /** A configuration problem; the message names the key. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
