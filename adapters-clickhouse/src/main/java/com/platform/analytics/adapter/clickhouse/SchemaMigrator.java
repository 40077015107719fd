package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database up to the latest {@link WarehouseSchema} migration, recording each applied version in
 * its {@code schema_migrations} table. Applying is idempotent: already recorded versions are skipped.
 */
final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final ClickHouseTransport transport;
    private final String db;

    SchemaMigrator(ClickHouseTransport transport, String database) {
        this.transport = requireNonNull(transport, "transport is null");
        this.db = SqlLiterals.identifier(requireNonNull(database, "database is null"));
    }

    /** Applies the missing migrations in version order; returns the versions applied now. */
    synchronized List<Integer> migrate(List<WarehouseSchema.Migration> migrations) {
        transport.execute("CREATE DATABASE IF NOT EXISTS " + db);
        transport.execute("CREATE TABLE IF NOT EXISTS " + db + ".schema_migrations (version UInt32, description String, "
                + "applied_at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY version" + WarehouseSchema.DURABLE);
        Set<Integer> applied = appliedVersions();
        List<WarehouseSchema.Migration> ordered = migrations.stream()
                .sorted((a, b) -> Integer.compare(a.version(), b.version()))
                .toList();
        List<Integer> now = new java.util.ArrayList<>();
        for (WarehouseSchema.Migration m : ordered) {
            if (applied.contains(m.version())) {
                continue;
            }
            for (String statement : m.statements()) {
                transport.execute(statement.replace("{db}", db));
            }
            transport.execute("INSERT INTO " + db + ".schema_migrations VALUES (" + m.version() + ", "
                    + SqlLiterals.string(m.description()) + ", now64(3, 'UTC'))");
            LOG.info("warehouse {}: applied migration {} ({})", db, m.version(), m.description());
            now.add(m.version());
        }
        return now;
    }

    Set<Integer> appliedVersions() {
        Set<Integer> versions = new HashSet<>();
        for (String line : transport.query("SELECT DISTINCT version FROM " + db + ".schema_migrations", "TabSeparated")
                .split("\n")) {
            if (!line.isBlank()) {
                versions.add(Integer.parseInt(line.strip()));
            }
        }
        return versions;
    }
}
