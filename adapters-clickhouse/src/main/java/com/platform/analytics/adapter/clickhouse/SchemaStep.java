package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One step of a {@link WarehouseSchema} migration, written once for both {@link ClusterMode}s and turned into
 * SQL by {@link SchemaDdl}. Text may use {@code {db}} (the quoted database), {@code {on_cluster}} (empty, or
 * {@code " ON CLUSTER <name>"}), {@code {local}} (empty, or {@code _local}: where a statement must reach the
 * stored rows on each node rather than the Distributed table, as materialized views and projections must)
 * and {@code {global}} (empty, or {@code "GLOBAL "} before a JOIN of two Distributed tables).
 */
sealed interface SchemaStep {
    /** Table names are written into the SQL as they are. */
    Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private static String tableName(String name) {
        requireNonNull(name, "name is null");
        if (!TABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a schema table name is lower-case letters, digits and underscores: " + name);
        }
        return name;
    }

    /** A statement rendered by substituting the placeholders. */
    record Statement(String sql) implements SchemaStep {
        public Statement {
            requireNonNull(sql, "sql is null");
        }
    }

    /**
     * A table. {@code sql} is the single-server {@code CREATE TABLE} with {@code {table}} for the qualified name
     * and {@code {engine}} for the engine; {@code engine} is a MergeTree-family engine ({@code MergeTree},
     * {@code SummingMergeTree(events)}); {@code shardingKey} spreads rows over the shards of a cluster.
     */
    record Table(String name, String engine, String shardingKey, String sql) implements SchemaStep {
        public Table {
            tableName(name);
            requireNonNull(engine, "engine is null");
            requireNonNull(shardingKey, "shardingKey is null");
            requireNonNull(sql, "sql is null");
            if (!sql.contains("{table}") || !sql.contains("{engine}")) {
                throw new IllegalArgumentException("a table's SQL needs {table} and {engine}: " + name);
            }
        }
    }

    /** Drops a table created by a {@link Table} step (on a cluster: its Distributed and its local table). */
    record DropTable(String name) implements SchemaStep {
        public DropTable {
            tableName(name);
        }
    }
}
