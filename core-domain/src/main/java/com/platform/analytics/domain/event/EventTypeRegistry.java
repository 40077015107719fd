package com.platform.analytics.domain.event;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The event contract: each registered event type and the compiled schema of its {@code data}. A type not
 * here is unknown: accepted into the lake when its envelope is valid, fed to no metric.
 */
public final class EventTypeRegistry {
    /** Where the contract's schemas live on the class path; {@code index.txt} lists them (jars cannot be listed). */
    public static final String SCHEMA_RESOURCES = "/platform-events/schemas/";
    private static final String INDEX = "index.txt";
    private static final String SUFFIX = ".json";

    private final Map<String, JsonSchema> schemas;

    public EventTypeRegistry(Map<String, JsonSchema> schemas) {
        requireNonNull(schemas, "schemas is null");
        this.schemas = Collections.unmodifiableMap(new TreeMap<>(schemas));
    }

    /** The platform's contract, as bundled from {@code shared/platform-events/schemas}; loaded once. */
    public static EventTypeRegistry platformContract() {
        return PlatformContract.INSTANCE;
    }

    public boolean isRegistered(String type) {
        return type != null && schemas.containsKey(type);
    }

    public Optional<JsonSchema> schema(String type) {
        return Optional.ofNullable(type == null ? null : schemas.get(type));
    }

    /** The registered types, sorted. */
    public Set<String> types() {
        return schemas.keySet();
    }

    private static final class PlatformContract {
        static final EventTypeRegistry INSTANCE = load();

        private static EventTypeRegistry load() {
            Map<String, JsonSchema> schemas = new TreeMap<>();
            for (String line : read(INDEX).split("\n")) {
                String file = line.trim();
                if (file.isEmpty()) {
                    continue;
                }
                if (!file.endsWith(SUFFIX)) {
                    throw new IllegalStateException("schema index lists a file that is not .json: " + file);
                }
                String type = file.substring(0, file.length() - SUFFIX.length());
                try {
                    schemas.put(type, JsonSchema.parse(read(file)));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the schema of " + type + " does not load: " + e.getMessage(), e);
                }
            }
            if (schemas.isEmpty()) {
                throw new IllegalStateException("the schema index " + SCHEMA_RESOURCES + INDEX + " lists no schema");
            }
            return new EventTypeRegistry(schemas);
        }

        private static String read(String name) {
            String path = SCHEMA_RESOURCES + name;
            try (InputStream in = EventTypeRegistry.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing class-path resource " + path);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
    }
}
