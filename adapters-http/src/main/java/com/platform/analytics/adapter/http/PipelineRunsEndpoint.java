package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunFilter;
import com.platform.analytics.domain.schedule.PipelineRunKey;
import com.platform.analytics.domain.schedule.PipelineRunStatus;
import com.platform.analytics.port.in.PipelineRunsUseCase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /pipelines/runs?name=&status=&from=&to=&page[size]=&page[cursor]=} (issue 6): the runs of the scheduled
 * jobs ({@code data_pipeline_runs}), newest first, filtered by pipeline name, status
 * ({@code running|succeeded|failed|skipped}) and start time in {@code [from, to)} (ISO-8601 with an offset).
 *
 * <p>Unlike the lists of {@link Pages}, runs keep being added while a client pages through, so the cursor is a place
 * in the list (the start time and id of the last run of the page), not an offset: new runs do not shift the pages.
 * The cursor also holds the filter it was made with and a checksum; a cursor of another filter, or altered, is a
 * 400 naming {@code page[cursor]}. {@code links.next} repeats the filter.
 */
public final class PipelineRunsEndpoint implements RouteGroup {
    static final String NAME = "name";
    static final String STATUS = "status";
    static final String FROM = "from";
    static final String TO = "to";
    private static final Set<String> PARAMETERS = Set.of(NAME, STATUS, FROM, TO, Pages.SIZE, Pages.CURSOR);
    private static final String VERSION = "r1";

    private final PipelineRunsUseCase runs;
    private Vertx vertx;

    public PipelineRunsEndpoint(PipelineRunsUseCase runs) {
        this.runs = requireNonNull(runs, "runs is null");
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        String path = basePath + "/pipelines/runs";
        router.get(path).handler(this::list);
        router.route(path).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
    }

    /** What was asked: the filter (and its text, which cursors are bound to), the page size and where to continue. */
    private record Request(PipelineRunFilter filter, String filterText, int size, Optional<PipelineRunKey> after) {
    }

    private void list(RoutingContext ctx) {
        Request request;
        try {
            request = read(ctx);
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> {
            // one more than the page tells whether there is a next page
            List<PipelineRun> found = runs.runs(request.filter(), request.after(), request.size() + 1);
            boolean more = found.size() > request.size();
            List<PipelineRun> page = more ? found.subList(0, request.size()) : found;
            Map<String, Object> links = new LinkedHashMap<>();
            links.put("next", more ? next(ctx, request, page.get(page.size() - 1)) : null);
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("data", page.stream().map(PipelineRunsEndpoint::document).toList());
            document.put("links", links);
            return document;
        }), false).onSuccess(document -> JsonResponses.send(ctx, 200, document)).onFailure(ctx::fail);
    }

    private static Request read(RoutingContext ctx) {
        var parameters = ctx.queryParams();
        for (String name : parameters.names()) {
            if (!PARAMETERS.contains(name)) {
                throw AnalyticsException.invalidParameter(name, "unknown query parameter '" + name + "'; known: "
                        + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
            if (parameters.getAll(name).size() > 1) {
                throw AnalyticsException.invalidParameter(name, name + " is given more than once");
            }
        }
        Optional<String> name = Optional.ofNullable(parameters.get(NAME));
        if (name.isPresent() && (name.get().isEmpty() || name.get().length() > 255)) {
            throw AnalyticsException.invalidParameter(NAME, "name must be 1-255 characters");
        }
        Optional<PipelineRunStatus> status = Optional.empty();
        String statusText = parameters.get(STATUS);
        if (statusText != null) {
            status = Optional.of(PipelineRunStatus.fromWireName(statusText).orElseThrow(() -> AnalyticsException.invalidParameter(
                    STATUS, "status must be one of " + Arrays.stream(PipelineRunStatus.values()).map(PipelineRunStatus::wireName).toList()
                            + "; got '" + statusText + "'")));
        }
        Optional<Instant> from = instant(parameters.get(FROM), FROM);
        Optional<Instant> to = instant(parameters.get(TO), TO);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw AnalyticsException.invalidParameter(TO, "to must be after from");
        }
        int size = Pages.DEFAULT_SIZE;
        String sizeText = parameters.get(Pages.SIZE);
        if (sizeText != null) {
            try {
                size = Integer.parseInt(sizeText);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > Pages.MAX_SIZE) {
                throw AnalyticsException.invalidParameter(Pages.SIZE, Pages.SIZE + " must be an integer 1.." + Pages.MAX_SIZE + "; got '" + sizeText + "'");
            }
        }
        PipelineRunFilter filter = new PipelineRunFilter(name, status, from, to);
        String filterText = name.orElse("") + "\u0000" + status.map(PipelineRunStatus::wireName).orElse("") + "\u0000"
                + from.map(Instant::toString).orElse("") + "\u0000" + to.map(Instant::toString).orElse("");
        String cursor = parameters.get(Pages.CURSOR);
        return new Request(filter, filterText, size, cursor == null ? Optional.empty() : Optional.of(keyOf(cursor, filterText)));
    }

    private static Optional<Instant> instant(String text, String parameter) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw AnalyticsException.invalidParameter(parameter, parameter + " must be an ISO-8601 time with an offset"
                    + " (2026-03-10T03:00:00Z); got '" + text + "'");
        }
    }

    private static String next(RoutingContext ctx, Request request, PipelineRun last) {
        StringBuilder link = new StringBuilder(ctx.request().path()).append('?');
        PipelineRunFilter f = request.filter();
        f.pipelineName().ifPresent(n -> link.append(NAME).append('=').append(encode(n)).append('&'));
        f.status().ifPresent(s -> link.append(STATUS).append('=').append(s.wireName()).append('&'));
        f.from().ifPresent(t -> link.append(FROM).append('=').append(encode(t.toString())).append('&'));
        f.to().ifPresent(t -> link.append(TO).append('=').append(encode(t.toString())).append('&'));
        return link.append("page%5Bsize%5D=").append(request.size()).append("&page%5Bcursor%5D=")
                .append(cursor(PipelineRunKey.of(last), request.filterText())).toString();
    }

    static String cursor(PipelineRunKey key, String filterText) {
        Instant at = key.startedAt();
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
        return Pages.seal(VERSION, Long.toString(micros), key.id().toString(), filterText);
    }

    private static PipelineRunKey keyOf(String cursor, String filterText) {
        String[] fields = Pages.unseal(cursor, VERSION, 3, filterText, "other filters (name, status, from, to)");
        try {
            long micros = Long.parseLong(fields[0]);
            return new PipelineRunKey(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L),
                    UUID.fromString(fields[1]));
        } catch (IllegalArgumentException e) {
            throw Pages.badCursor("it was altered");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Map<String, Object> document(PipelineRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", run.id().toString());
        json.put("pipelineName", run.pipelineName());
        json.put("status", run.status().wireName());
        json.put("startedAt", run.startedAt().toString());
        json.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        json.put("processedRecords", run.processedRecords());
        json.put("parameters", run.parameters());
        json.put("errorSummary", run.errorSummary());
        return json;
    }

    /** For tests: the documents of several runs. */
    static List<Map<String, Object>> documents(List<PipelineRun> runs) {
        return new ArrayList<>(runs.stream().map(PipelineRunsEndpoint::document).toList());
    }
}
