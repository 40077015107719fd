package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database up to the latest {@link WarehouseSchema} migration, recording each applied version in
 * its {@code schema_migrations} table. Applying is idempotent: already recorded versions are skipped. In a
 * {@link ClusterMode} with a cluster, the DDL runs {@code ON CLUSTER} (see {@link SchemaDdl}), so one node
 * migrates them all.
 */
final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** The migrations' own bookkeeping table, created before any migration. */
    static final SchemaStep.Table SCHEMA_MIGRATIONS = new SchemaStep.Table("schema_migrations", "MergeTree", "version",
            "CREATE TABLE IF NOT EXISTS {table} (version UInt32, description String, "
                    + "applied_at DateTime64(3, 'UTC')) ENGINE = {engine} ORDER BY version" + WarehouseSchema.DURABLE);

    private final ClickHouseTransport transport;
    private final String db;
    private final SchemaDdl ddl;

    SchemaMigrator(ClickHouseTransport transport, String database) {
        this(transport, database, ClusterMode.none());
    }

    SchemaMigrator(ClickHouseTransport transport, String database, ClusterMode mode) {
        this.transport = requireNonNull(transport, "transport is null");
        this.db = SqlLiterals.identifier(requireNonNull(database, "database is null"));
        this.ddl = new SchemaDdl(database, mode);
    }

    /** Applies the missing migrations in version order; returns the versions applied now. */
    synchronized List<Integer> migrate(List<WarehouseSchema.Migration> migrations) {
        transport.execute(ddl.createDatabase());
        ddl.render(SCHEMA_MIGRATIONS).forEach(transport::execute);
        Set<Integer> applied = appliedVersions();
        List<WarehouseSchema.Migration> ordered = migrations.stream()
                .sorted((a, b) -> Integer.compare(a.version(), b.version()))
                .toList();
        List<Integer> now = new ArrayList<>();
        for (WarehouseSchema.Migration m : ordered) {
            if (applied.contains(m.version())) {
                continue;
            }
            for (String statement : statements(m)) {
                transport.execute(statement);
            }
            transport.execute(recordApplied(m));
            LOG.info("warehouse {} ({}): applied migration {} ({})", db, ddl.mode(), m.version(), m.description());
            now.add(m.version());
        }
        return now;
    }

    /** The SQL of a migration in this migrator's database and cluster mode, in order. */
    List<String> statements(WarehouseSchema.Migration migration) {
        List<String> sql = new ArrayList<>();
        migration.steps().forEach(step -> sql.addAll(ddl.render(step)));
        return sql;
    }

    private String recordApplied(WarehouseSchema.Migration m) {
        // through a Distributed table the row must have reached its shard before the next run reads it back
        String settings = ddl.mode().isCluster() ? " SETTINGS insert_distributed_sync = 1" : "";
        return "INSERT INTO " + db + ".schema_migrations" + settings + " VALUES (" + m.version() + ", "
                + SqlLiterals.string(m.description()) + ", now64(3, 'UTC'))";
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
