package com.platform.analytics.adapter.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * A group of API routes beyond ingestion and metrics (the analyses, segments...), added to the server's router
 * before its not-found and failure handlers. Each group registers its paths under {@code basePath} and answers
 * in the spec's formats ({@link JsonResponses}, {@link ErrorResponses}); every route it adds must be in the OpenAPI
 * document ({@code openapi.json}), which a test checks.
 */
public interface RouteGroup {
    /**
     * @param vertx for blocking work ({@code vertx.executeBlocking}): handlers run on the event loop
     * @param basePath {@code /api/v1/analytics}
     * @param maxBodyBytes the server's body limit for these routes ({@link HttpApiConfig#maxJsonBodyBytes()}): a
     *     route may read less, never more
     */
    void register(Vertx vertx, Router router, String basePath, long maxBodyBytes);

    /**
     * Routes (their full pattern, as registered) whose bodies are uploads larger than the server's JSON limit, with
     * their own limit: the server refuses a larger declared {@code Content-Length} with 413 before reading, as it does
     * for every other route with its JSON limit. Most groups have none.
     */
    default java.util.Map<String, Long> uploadLimits(String basePath) {
        return java.util.Map.of();
    }

    /** Registers with the default body limit. */
    default void register(Vertx vertx, Router router, String basePath) {
        register(vertx, router, basePath, HttpApiConfig.DEFAULT_MAX_JSON_BODY_BYTES);
    }
}
