package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How the warehouse is set up.
 *
 * @param database the ClickHouse database holding the warehouse tables (letters, digits, underscores;
 *     default {@value #DEFAULT_DATABASE})
 * @param poolSize how many chDB connections run statements at once (default {@value #DEFAULT_POOL_SIZE})
 * @param dataPath chDB's data directory (default {@code data/clickhouse}); one per process
 * @param clusterMode whether the schema is created on one server or {@code ON CLUSTER} (default one server)
 */
public record ClickHouseConfig(String database, int poolSize, Path dataPath, ClusterMode clusterMode) {
    public static final String DEFAULT_DATABASE = "analytics";
    public static final int DEFAULT_POOL_SIZE = 3;
    public static final Path DEFAULT_DATA_PATH = Path.of("data", "clickhouse");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public ClickHouseConfig {
        requireNonNull(database, "database is null");
        requireNonNull(dataPath, "dataPath is null");
        requireNonNull(clusterMode, "clusterMode is null");
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database must be letters, digits and underscores, not starting with a "
                    + "digit, at most 63 characters; got '" + database + "'");
        }
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("poolSize must be between 1 and 64; got " + poolSize);
        }
    }

    /** One server ({@link ClusterMode#none()}). */
    public ClickHouseConfig(String database, int poolSize, Path dataPath) {
        this(database, poolSize, dataPath, ClusterMode.none());
    }

    public static ClickHouseConfig defaults() {
        return new ClickHouseConfig(DEFAULT_DATABASE, DEFAULT_POOL_SIZE, DEFAULT_DATA_PATH);
    }

    /** The defaults with the data directory under {@code dataDir} ({@code <dataDir>/clickhouse}). */
    public static ClickHouseConfig under(Path dataDir) {
        return new ClickHouseConfig(DEFAULT_DATABASE, DEFAULT_POOL_SIZE, dataDir.resolve("clickhouse"));
    }

    public ClickHouseConfig withDatabase(String name) {
        return new ClickHouseConfig(name, poolSize, dataPath, clusterMode);
    }

    public ClickHouseConfig withClusterMode(ClusterMode mode) {
        return new ClickHouseConfig(database, poolSize, dataPath, mode);
    }
}
