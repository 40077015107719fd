package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.paths.PathEdge;
import com.platform.analytics.domain.analysis.paths.PathNode;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;
import com.platform.analytics.port.in.PathsUseCase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /analysis/paths}: the nodes and weighted edges of a Sankey diagram of user paths
 * ({@link PathsQuery} says exactly what they count); {@code ?explain=true} adds the SQL the warehouse ran.
 */
public final class PathsEndpoint implements RouteGroup {
    private final PathsUseCase paths;

    @Inject
    public PathsEndpoint(PathsUseCase paths) {
        this.paths = requireNonNull(paths, "paths is null");
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        AnalysisPost.register(vertx, router, basePath + "/analysis/paths", Math.min(AnalysisPost.DEFAULT_BODY_LIMIT, maxBodyBytes),
                request -> document(paths.paths(request.scope(), PathsQuery.fromJson(request.body())), request.explain()));
    }

    static Map<String, Object> document(PathsResult result, boolean explain) {
        List<Object> nodes = new ArrayList<>();
        for (PathNode n : result.nodes()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", n.id());
            node.put("step", n.step());
            node.put("event", n.event());
            node.put("users", n.users());
            nodes.add(node);
        }
        List<Object> edges = new ArrayList<>();
        for (PathEdge e : result.edges()) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("source", e.source());
            edge.put("target", e.target());
            edge.put("users", e.users());
            edges.add(edge);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("nodes", nodes);
        data.put("edges", edges);
        if (explain) {
            data.put("sql", result.sql());
        }
        return data;
    }
}
