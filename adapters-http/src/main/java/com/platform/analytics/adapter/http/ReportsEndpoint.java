package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ReportDefinition;
import com.platform.analytics.domain.report.ReportInstance;
import com.platform.analytics.domain.report.ReportParameter;
import com.platform.analytics.port.in.ReportsUseCase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reports (spec 3.1.2), under {@code basePath}, all behind {@code reports:run}:
 * <ul>
 *   <li>{@code GET /reports/definitions}: what the caller may run (paginated, with an ETag);</li>
 *   <li>{@code POST /reports/instances} with {@code {"definition":"<id or name>","parameters":{...},"format":"csv"}}:
 *       202 with the {@code requested} instance and its {@code Location}; generation goes on in the background;</li>
 *   <li>{@code GET /reports/instances/{instance_id}}: its state;</li>
 *   <li>{@code GET /reports/instances/{instance_id}/download}: the file, streamed, with its Content-Type and a
 *       Content-Disposition naming it; 409 REPORT_NOT_READY while it is being generated.</li>
 * </ul>
 * An instance id that is not a UUID names no instance: 404 REPORT_INSTANCE_NOT_FOUND.
 */
public final class ReportsEndpoint implements RouteGroup {
    static final String INSTANCE_ID = "instance_id";
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final long WRITE_STALL_MILLIS = 60_000;

    private final ReportsUseCase reports;
    private final Function<RoutingContext, Principal> callers;
    private long bodyLimit = AnalysisPost.DEFAULT_BODY_LIMIT;
    private Vertx vertx;
    private String basePath;

    public ReportsEndpoint(ReportsUseCase reports) {
        this(reports, HttpApiServer::caller);
    }

    /** With the caller of a request found by {@code callers} (tests stand in for the server's authentication). */
    ReportsEndpoint(ReportsUseCase reports, Function<RoutingContext, Principal> callers) {
        this.reports = requireNonNull(reports, "reports is null");
        this.callers = requireNonNull(callers, "callers is null");
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        this.basePath = requireNonNull(basePath, "basePath is null");
        this.bodyLimit = Math.min(bodyLimit, maxBodyBytes);
        String definitions = basePath + "/reports/definitions";
        router.get(definitions).handler(this::definitions);
        router.route(definitions).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));

        String instances = basePath + "/reports/instances";
        router.post(instances).handler(ctx -> AnalysisPost.checkContentType(ctx, bodyLimit));
        router.post(instances).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(this::request);
        router.route(instances).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "POST"));

        String instance = instances + "/:" + INSTANCE_ID;
        router.get(instance).handler(this::instance);
        router.route(instance).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        router.get(instance + "/download").handler(this::download);
        router.route(instance + "/download").handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
    }

    private void definitions(RoutingContext ctx) {
        Pages.PageRequest page;
        Principal caller;
        try {
            page = Pages.read(ctx, "reports/definitions");
            caller = callers.apply(ctx);
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> Pages.slice(ctx, page, reports.definitions(caller),
                        ReportsEndpoint::definitionDocument)), false)
                .onSuccess(document -> JsonResponses.sendWithETag(ctx, 200, document))
                .onFailure(ctx::fail);
    }

    private void request(RoutingContext ctx) {
        Principal caller;
        String definition;
        Map<String, Object> parameters;
        String format;
        try {
            caller = callers.apply(ctx);
            Map<String, Object> body = AnalysisPost.objectBody(ctx, List.of("definition", "parameters", "format"));
            if (!(body.get("definition") instanceof String d) || d.isBlank()) {
                throw AnalyticsException.invalidBody("/definition", "definition (the report definition's id or name) is required");
            }
            definition = d;
            parameters = AnalysisPost.objectMember(body, "parameters");
            Object f = body.get("format");
            if (f != null && !(f instanceof String)) {
                throw AnalyticsException.invalidBody("/format", "format must be a string: csv or json");
            }
            format = (String) f;
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> reports.request(caller, definition, parameters, format)), false)
                .onSuccess(instance -> {
                    ctx.response().putHeader("Location", basePath + "/reports/instances/" + instance.id());
                    JsonResponses.send(ctx, 202, Map.of("data", instanceDocument(instance, basePath)));
                })
                .onFailure(ctx::fail);
    }

    private void instance(RoutingContext ctx) {
        UUID id = instanceId(ctx);
        if (id == null) {
            return;
        }
        Principal caller = callers.apply(ctx);
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> reports.instance(caller, id)), false)
                .onSuccess(instance -> {
                    // the state changes while it is generated: never served from a cache
                    ctx.response().putHeader("Cache-Control", "no-store");
                    JsonResponses.send(ctx, 200, Map.of("data", instanceDocument(instance, basePath)));
                })
                .onFailure(ctx::fail);
    }

    private void download(RoutingContext ctx) {
        UUID id = instanceId(ctx);
        if (id == null) {
            return;
        }
        Principal caller = callers.apply(ctx);
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> reports.download(caller, id)), false)
                .onSuccess(file -> stream(ctx, file))
                .onFailure(ctx::fail);
    }

    /**
     * Streams the file in chunks from a worker thread, waiting while the connection's write queue is full, so a
     * large report passes through in bounded memory. A failure once bytes were sent can only cut the connection.
     */
    private void stream(RoutingContext ctx, ReportsUseCase.ReportFile file) {
        HttpServerResponse response = ctx.response();
        response.putHeader("Content-Type", file.contentType());
        response.putHeader("Content-Disposition", "attachment; filename=\"" + safeFileName(file.fileName()) + "\"");
        response.putHeader("Cache-Control", "no-store");
        if (file.sizeBytes() >= 0) {
            response.putHeader("Content-Length", Long.toString(file.sizeBytes()));
        } else {
            response.setChunked(true);
        }
        response.setStatusCode(200);
        vertx.executeBlocking(() -> {
            try (InputStream in = file.content()) {
                byte[] chunk = new byte[CHUNK_BYTES];
                int n;
                while ((n = in.read(chunk)) > 0) {
                    awaitWritable(response);
                    response.write(Buffer.buffer(Arrays.copyOf(chunk, n)));
                }
            }
            return null;
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                response.end();
            } else {
                response.reset();
            }
        });
    }

    private static void awaitWritable(HttpServerResponse response) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + WRITE_STALL_MILLIS;
        while (response.writeQueueFull()) {
            if (response.closed() || System.currentTimeMillis() > deadline) {
                throw new IOException("the client stopped reading the report");
            }
            Thread.sleep(5);
        }
        if (response.closed()) {
            throw new IOException("the client went away");
        }
    }

    static String safeFileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static UUID instanceId(RoutingContext ctx) {
        String raw = ctx.pathParam(INSTANCE_ID);
        Optional<UUID> id = AnalysisPost.canonicalUuid(raw);
        if (id.isPresent()) {
            return id.get();
        }
        ctx.fail(new AnalyticsException(ErrorCode.REPORT_INSTANCE_NOT_FOUND, "no report instance '" + raw + "'"));
        return null;
    }

    static Map<String, Object> definitionDocument(ReportDefinition d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", d.id().toString());
        json.put("name", d.name());
        json.put("displayNameRu", d.displayNameRu());
        json.put("displayNameEn", d.displayNameEn());
        json.put("descriptionRu", d.descriptionRu());
        json.put("descriptionEn", d.descriptionEn());
        json.put("sourceType", d.sourceType().wireName());
        json.put("parameters", d.parameters().stream().map(ReportsEndpoint::parameterDocument).toList());
        json.put("outputFormats", d.outputFormats().stream().map(OutputFormat::wireName).toList());
        json.put("availableToDevelopers", d.availableToDevelopers());
        json.put("updatedAt", d.updatedAt().toString());
        return json;
    }

    private static Map<String, Object> parameterDocument(ReportParameter p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", p.name());
        json.put("type", p.type().wireName());
        json.put("required", p.required());
        json.put("defaultValue", p.defaultValue());
        json.put("displayNameRu", p.displayNameRu());
        return json;
    }

    static Map<String, Object> instanceDocument(ReportInstance i, String basePath) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", i.id().toString());
        json.put("definitionId", i.definitionId().toString());
        json.put("definitionName", i.definitionName());
        json.put("status", i.status().wireName());
        json.put("parameters", i.parameters());
        json.put("format", i.format().wireName());
        json.put("requestedAt", text(i.requestedAt()));
        json.put("startedAt", text(i.startedAt()));
        json.put("completedAt", text(i.completedAt()));
        json.put("fileSizeBytes", i.fileSizeBytes());
        json.put("errorMessage", i.errorMessage());
        json.put("expiresAt", text(i.expiresAt()));
        json.put("downloadUrl", i.status() == com.platform.analytics.domain.report.ReportStatus.COMPLETED
                ? basePath + "/reports/instances/" + i.id() + "/download" : null);
        return json;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
