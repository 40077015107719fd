package com.platform.analytics.bootstrap;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the cluster profile's servers are (profile {@code cluster}): a ClickHouse server, a PostgreSQL server, an
 * S3 bucket and Kafka. Secrets are not here: each is read, when connecting, from its environment variable or from
 * the file a {@code *_file} key names ({@link Secrets}).
 */
record ClusterSettings(Warehouse warehouse, Metadata metadata, Lake lake, Kafka kafka) {
    ClusterSettings {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(lake, "lake is null");
        requireNonNull(kafka, "kafka is null");
    }

    /**
     * @param inProcess the warehouse runs in this process (chDB) instead of on a server; {@code url} is then null
     * @param cluster the ClickHouse cluster the schema is created {@code ON CLUSTER}, or empty for one server
     * @param passwordFile null: the password is {@code ANALYTICS_WAREHOUSE_PASSWORD}, or empty
     */
    record Warehouse(boolean inProcess, URI url, String user, Path passwordFile, String cluster, Duration queryTimeout) {
        static final String PASSWORD_ENV = "ANALYTICS_WAREHOUSE_PASSWORD";
    }

    /** @param passwordFile null: the password is {@code ANALYTICS_METADATA_PASSWORD} */
    record Metadata(String jdbcUrl, String user, Path passwordFile, int poolSize) {
        static final String PASSWORD_ENV = "ANALYTICS_METADATA_PASSWORD";
    }

    /**
     * @param endpoint null for AWS itself; otherwise MinIO, Yandex Object Storage, s3proxy...
     * @param accessKeyIdFile null: {@code ANALYTICS_LAKE_S3_ACCESS_KEY_ID}
     * @param secretAccessKeyFile null: {@code ANALYTICS_LAKE_S3_SECRET_ACCESS_KEY}
     */
    record Lake(URI endpoint, String region, String bucket, String prefix, boolean pathStyle, Path accessKeyIdFile,
            Path secretAccessKeyFile) {
        static final String ACCESS_KEY_ID_ENV = "ANALYTICS_LAKE_S3_ACCESS_KEY_ID";
        static final String SECRET_ACCESS_KEY_ENV = "ANALYTICS_LAKE_S3_SECRET_ACCESS_KEY";
    }

    /**
     * @param topics the platform topics to consume, or empty to subscribe by {@code topicPattern}
     * @param consumers members of the consumer group this process runs (more instances add more)
     * @param publishTopic where this service's own events go (spec 5.1)
     */
    record Kafka(String bootstrapServers, String groupId, List<String> topics, String topicPattern, String deadLetterSuffix,
            int maxPollRecords, int consumers, String publishTopic) {
        Kafka {
            topics = List.copyOf(topics);
        }
    }

    /** The environment variables that carry secrets: never configuration keys. */
    static final List<String> SECRET_ENV = List.of(Warehouse.PASSWORD_ENV, Metadata.PASSWORD_ENV, Lake.ACCESS_KEY_ID_ENV,
            Lake.SECRET_ACCESS_KEY_ENV, "ANALYTICS_PSEUDONYMIZATION_SECRET", ReidentificationModule.KEY_ENV);
}
