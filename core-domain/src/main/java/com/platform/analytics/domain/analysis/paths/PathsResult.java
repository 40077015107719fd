package com.platform.analytics.domain.analysis.paths;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A Sankey diagram's input: nodes by step, then users (most first), then event; edges by source step, then users;
 * and the SQL the warehouse ran for them.
 */
public record PathsResult(List<PathNode> nodes, List<PathEdge> edges, String sql) {
    public PathsResult {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        requireNonNull(sql, "sql is null");
    }
}
