package com.platform.analytics.bootstrap;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole configuration, validated. Built by {@link ConfigLoader} from {@code configs/analytics_config.yaml},
 * environment variables and command-line options, in that order of precedence (last wins).
 *
 * @param pseudonymizationSecretFile null: {@code <dataDir>/secrets/pseudonymization.key}
 * @param ratesRub RUB per unit of each convertible currency
 * @param lakeRolling how the lake writer journals and rolls objects
 * @param cluster the servers of the cluster profile; null on the embedded profile
 * @param surface authentication, gRPC, the management port and tracing
 * @param metricsCacheSeconds how long a metric's values are answered again from memory; 0: never
 * @param schedulerThreads threads of the job scheduler ({@code scheduler.pool_size}); 0: no scheduler
 *     ({@code scheduler.enabled: false})
 */
public record AnalyticsConfig(
        String profile,
        String host,
        int port,
        Path dataDir,
        long maxBodyBytes,
        int maxEvents,
        String pseudonymizationKeyId,
        Path pseudonymizationSecretFile,
        Map<String, BigDecimal> ratesRub,
        String warehouseDatabase,
        int warehousePoolSize,
        int metadataPort,
        LakeRolling lakeRolling,
        ClusterSettings cluster,
        ServiceSurface surface,
        int metricsCacheSeconds,
        int schedulerThreads) {

    public AnalyticsConfig {
        requireNonNull(profile, "profile is null");
        requireNonNull(host, "host is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(pseudonymizationKeyId, "pseudonymizationKeyId is null");
        ratesRub = Map.copyOf(ratesRub);
        requireNonNull(warehouseDatabase, "warehouseDatabase is null");
        requireNonNull(lakeRolling, "lakeRolling is null");
        requireNonNull(surface, "surface is null");
    }

    /**
     * @param journalDir the write-ahead journal of the lake writer, on local disk; null: {@code <dataDir>/lake-journal}
     * @param maxObjectBytes a lake object is written once its compressed size reaches this
     * @param maxBufferedBytes compressed bytes held in memory at most before the largest objects are written early
     * @param maxAge a lake object is written at the latest this long after its first event
     */
    public record LakeRolling(Path journalDir, long maxObjectBytes, long maxBufferedBytes, java.time.Duration maxAge) {
        public LakeRolling {
            requireNonNull(maxAge, "maxAge is null");
        }
    }

    public Path lakeJournalDir() {
        return lakeRolling.journalDir() != null ? lakeRolling.journalDir() : dataDir.resolve("lake-journal");
    }

    public boolean isCluster() {
        return cluster != null;
    }

    public Path warehouseDir() {
        return dataDir.resolve("warehouse");
    }

    public Path metadataDir() {
        return dataDir.resolve("metadata");
    }

    public Path lakeDir() {
        return dataDir.resolve("lake");
    }

    public Path secretFile() {
        return pseudonymizationSecretFile != null ? pseudonymizationSecretFile : dataDir.resolve("secrets").resolve("pseudonymization.key");
    }
}
