package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Turns {@link SchemaStep}s into the SQL of one database in one {@link ClusterMode}. On one server the
 * statements are the steps' text with the placeholders removed. On a cluster:
 * <ul>
 *   <li>every DDL statement carries {@code ON CLUSTER <name>}, so each node gets it;</li>
 *   <li>a table is {@code <table>_local}, engine {@code Replicated<Engine>('/clickhouse/tables/{shard}/<db>/<table>_local',
 *       '{replica}'[, engine arguments])} ({@code {shard}} and {@code {replica}} are the servers' macros), with a
 *       {@code Distributed(<cluster>, <db>, <table>_local, <sharding key>)} table named {@code <table>} in front:
 *       queries and inserts use the Distributed table, unchanged from the single-server SQL;</li>
 *   <li>materialized views and projections are defined on the local tables ({@code {local}}), so each node
 *       maintains them over the rows it stores.</li>
 * </ul>
 */
final class SchemaDdl {
    static final String LOCAL_SUFFIX = "_local";

    private final String database;
    private final String db;
    private final ClusterMode mode;

    SchemaDdl(String database, ClusterMode mode) {
        this.database = requireNonNull(database, "database is null");
        this.db = SqlLiterals.identifier(database);
        this.mode = requireNonNull(mode, "mode is null");
    }

    ClusterMode mode() {
        return mode;
    }

    String createDatabase() {
        return "CREATE DATABASE IF NOT EXISTS " + db + onCluster();
    }

    /** The statements of one step, in the order they must run. */
    List<String> render(SchemaStep step) {
        if (step instanceof SchemaStep.Statement statement) {
            return List.of(substitute(statement.sql()));
        }
        if (step instanceof SchemaStep.Table table) {
            return table(table);
        }
        if (step instanceof SchemaStep.DropTable drop) {
            String name = db + "." + drop.name();
            if (!mode.isCluster()) {
                return List.of("DROP TABLE IF EXISTS " + name);
            }
            // the Distributed table first: while it exists, it may still send rows to the local one
            return List.of("DROP TABLE IF EXISTS " + name + onCluster(),
                    "DROP TABLE IF EXISTS " + name + LOCAL_SUFFIX + onCluster());
        }
        throw new IllegalArgumentException("unknown schema step " + step);
    }

    private List<String> table(SchemaStep.Table table) {
        if (!mode.isCluster()) {
            return List.of(substitute(table.sql()
                    .replace("{table}", db + "." + table.name())
                    .replace("{engine}", table.engine())));
        }
        String cluster = mode.clusterName().orElseThrow();
        String local = table.name() + LOCAL_SUFFIX;
        String localTable = db + "." + local;
        String create = substitute(table.sql()
                .replace("{table}", localTable + onCluster())
                .replace("{engine}", replicated(table.engine(), local)));
        String distributed = "CREATE TABLE IF NOT EXISTS " + db + "." + table.name() + onCluster()
                + " AS " + localTable + " ENGINE = Distributed(" + SqlLiterals.string(cluster) + ", "
                + SqlLiterals.string(database) + ", " + SqlLiterals.string(local) + ", " + table.shardingKey() + ")";
        return List.of(create, distributed);
    }

    /** {@code SummingMergeTree(events)} becomes {@code ReplicatedSummingMergeTree('<path>', '{replica}', events)}. */
    private String replicated(String engine, String localTable) {
        int open = engine.indexOf('(');
        String family = open < 0 ? engine : engine.substring(0, open);
        String arguments = open < 0 ? "" : engine.substring(open + 1, engine.lastIndexOf(')')).strip();
        if (!family.endsWith("MergeTree") || family.startsWith("Replicated")) {
            throw new IllegalArgumentException("a schema table's engine must be a plain MergeTree family engine: " + engine);
        }
        String path = SqlLiterals.string("/clickhouse/tables/{shard}/" + database + "/" + localTable);
        return "Replicated" + family + "(" + path + ", '{replica}'" + (arguments.isEmpty() ? "" : ", " + arguments) + ")";
    }

    private String substitute(String sql) {
        boolean cluster = mode.isCluster();
        return sql.replace("{db}", db)
                .replace("{on_cluster}", onCluster())
                .replace("{local}", cluster ? LOCAL_SUFFIX : "")
                .replace("{global}", cluster ? "GLOBAL " : "");
    }

    private String onCluster() {
        return mode.clusterName().map(name -> " ON CLUSTER " + SqlLiterals.identifier(name)).orElse("");
    }
}
