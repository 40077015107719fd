package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Writes a JSON document (maps, lists and scalars, written by the domain's {@link Json}), and for representations
 * that clients poll (definitions, the OpenAPI document) a strong {@code ETag} from its bytes, answering 304 to an
 * {@code If-None-Match} that holds it.
 */
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

    /** Sends {@code document} with its ETag, or 304 when the client already holds this representation. */
    static void sendWithETag(RoutingContext ctx, int status, Object document) {
        sendWithETag(ctx, status, Buffer.buffer(Json.write(document).getBytes(StandardCharsets.UTF_8)));
    }

    static void sendWithETag(RoutingContext ctx, int status, Buffer bytes) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        String etag = etag(bytes);
        ctx.response().putHeader("ETag", etag);
        if (matches(ctx.request().getHeader("If-None-Match"), etag)) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", APPLICATION_JSON).end(bytes);
    }

    /** A strong validator: the SHA-256 of the bytes, base64url. */
    static String etag(Buffer bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.getBytes());
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** If-None-Match compares weakly (RFC 9110 13.1.2): a W/ prefix does not matter; {@code *} matches anything. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
