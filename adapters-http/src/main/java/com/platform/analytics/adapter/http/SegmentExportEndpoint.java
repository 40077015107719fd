package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.in.SegmentRealIdExportUseCase;
import com.platform.analytics.port.in.SegmentRealIdExportUseCase.RealIdExport;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /segments/{id}/export} {@code {"purpose": "..."}}: a segment's members with their real user ids, for a
 * caller holding {@code segments:export_real_ids}; audited by the use case before any id is returned. Answers
 * {@code Cache-Control: no-store}: real ids must not linger in caches. 404 when the service runs without the vault.
 */
public final class SegmentExportEndpoint implements RouteGroup {
    private final Optional<SegmentRealIdExportUseCase> export;
    private Vertx vertx;

    public SegmentExportEndpoint(Optional<SegmentRealIdExportUseCase> export) {
        this.export = requireNonNull(export, "export is null");
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        this.vertx = vertx;
        String path = basePath + "/segments/:" + SegmentsEndpoint.SEGMENT_ID + "/export";
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(this::export);
        router.route(path).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "POST"));
    }

    private void export(RoutingContext ctx) {
        UUID id = SegmentsEndpoint.segmentId(ctx);
        if (id == null) {
            return;
        }
        Map<String, Object> body;
        try {
            body = AnalysisPost.objectBody(ctx);
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        if (export.isEmpty()) {
            ctx.fail(new AnalyticsException(ErrorCode.RESOURCE_NOT_FOUND,
                    "re-identification is not configured on this service (vault.enabled is false)"));
            return;
        }
        Principal caller = HttpApiServer.caller(ctx);
        String purpose = body.get("purpose") instanceof String s ? s : "";
        ctx.response().putHeader("Cache-Control", "no-store");
        AnalysisPost.respond(vertx, ctx, 200, () -> document(export.get().export(caller, id, purpose)));
    }

    private static Map<String, Object> document(RealIdExport e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("segmentId", e.segmentId().toString());
        doc.put("exportedAt", e.exportedAt().toString());
        doc.put("members", e.members());
        doc.put("exported", e.pairs().size());
        List<Map<String, Object>> users = e.pairs().stream()
                .map(p -> Map.<String, Object>of("pseudonym", p.pseudonym(), "userId", p.realUserId())).toList();
        doc.put("users", users);
        doc.put("missingCount", e.missingCount());
        doc.put("missing", e.missingPseudonyms());
        return doc;
    }
}
