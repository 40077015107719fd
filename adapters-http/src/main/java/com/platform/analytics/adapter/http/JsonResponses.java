package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Writes a JSON document (maps, lists and scalars, written by the domain's {@link Json}). */
final class JsonResponses {
    static final String APPLICATION_JSON = "application/json";

    private JsonResponses() {
    }

    static void send(RoutingContext ctx, int status, Object document) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", APPLICATION_JSON)
                .end(Json.write(document));
    }
}
