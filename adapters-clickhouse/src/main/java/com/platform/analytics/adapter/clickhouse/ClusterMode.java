package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether the warehouse schema lives on one ClickHouse server or on a cluster named in the server's
 * {@code remote_servers}. On a cluster every DDL statement runs {@code ON CLUSTER}, each table is a
 * {@code Replicated*MergeTree} named {@code <table>_local} on every node, and a {@code Distributed} table with
 * the table's own name stands in front of it, so the queries are the same in both modes.
 *
 * @param clusterName the cluster's name, or empty for one server
 */
public record ClusterMode(Optional<String> clusterName) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public ClusterMode {
        requireNonNull(clusterName, "clusterName is null");
        clusterName.ifPresent(name -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("cluster name must be letters, digits and underscores, not starting "
                        + "with a digit, at most 63 characters; got '" + name + "'");
            }
        });
    }

    /** One server: plain {@code MergeTree} tables, no {@code ON CLUSTER}. */
    public static ClusterMode none() {
        return new ClusterMode(Optional.empty());
    }

    /** The cluster {@code name} of the servers' {@code remote_servers}. */
    public static ClusterMode onCluster(String name) {
        return new ClusterMode(Optional.of(requireNonNull(name, "name is null")));
    }

    /** From a configuration value: blank or {@code none} is one server, anything else a cluster's name. */
    public static ClusterMode parse(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("none")) {
            return none();
        }
        return onCluster(value.strip());
    }

    public boolean isCluster() {
        return clusterName.isPresent();
    }

    @Override
    public String toString() {
        return clusterName.map(name -> "cluster " + name).orElse("single server");
    }
}
