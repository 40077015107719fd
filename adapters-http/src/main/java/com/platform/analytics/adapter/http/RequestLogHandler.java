package com.platform.analytics.adapter.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every request: gives it an id ({@code X-Request-Id}, the caller's if it sent a sane
 * one) and logs one access line when the response ends: method, path, status, milliseconds. Never bodies or
 * query strings: bodies carry personal data.
 */
final class RequestLogHandler implements Handler<RoutingContext> {
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID_KEY = "analytics.requestId";
    // a caller's id goes into our logs and headers: accept only short, plain tokens
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger ACCESS_LOG = LoggerFactory.getLogger("com.platform.analytics.adapter.http.access");

    @Override
    public void handle(RoutingContext ctx) {
        long startNanos = System.nanoTime();
        String given = ctx.request().getHeader(REQUEST_ID_HEADER);
        String requestId = given != null && SANE_REQUEST_ID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        ctx.put(REQUEST_ID_KEY, requestId);
        ctx.response().putHeader(REQUEST_ID_HEADER, requestId);
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        ctx.addEndHandler(result -> ACCESS_LOG.info("{} {} {} {}ms id={}{}", method, path,
                ctx.response().getStatusCode(), (System.nanoTime() - startNanos) / 1_000_000, requestId,
                result.succeeded() ? "" : " (connection closed before the response was sent)"));
        ctx.next();
    }

    static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID_KEY);
        return id != null ? id : "unknown";
    }
}
