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
            if (!e.getKey().startsWith("ANALYTICS_") || e.getKey().equals("ANALYTICS_PSEUDONYMIZATION_SECRET")) {
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
        if (!profile.equals("embedded")) {
            throw new ConfigException("profile: only 'embedded' is available in this version, got '" + profile + "'");
        }
        String secretFile = values.get("pseudonymization.secret_file");
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
                integer("metadata.port", values.get("metadata.port"), 0, 65535));
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
