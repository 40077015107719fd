package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static com.platform.analytics.adapter.http.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunFilter;
import com.platform.analytics.domain.schedule.PipelineRunKey;
import com.platform.analytics.domain.schedule.PipelineRunStatus;
import com.platform.analytics.port.in.PipelineRunsUseCase;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /pipelines/runs} over a hand-written use case holding runs in memory. */
class PipelineRunsEndpointTest {
    private static final String PATH = HttpApiServer.BASE_PATH + "/pipelines/runs";
    private static final Instant T0 = Instant.parse("2026-03-10T03:00:00.123456Z");
    private static final FakeRuns RUNS = new FakeRuns();
    private static RunningApi api;

    /** The use case over a list, as the store's contract says (filter, newest first, after a key). */
    static final class FakeRuns implements PipelineRunsUseCase {
        final List<PipelineRun> runs = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public List<PipelineRun> runs(PipelineRunFilter filter, Optional<PipelineRunKey> after, int limit) {
            threads.add(Thread.currentThread().getName());
            return runs.stream().filter(filter::accepts).filter(r -> after.map(k -> k.precedes(r)).orElse(true))
                    .sorted(PipelineRunKey.NEWEST_FIRST).limit(limit).toList();
        }
    }

    @BeforeAll
    static void start() {
        PipelineRunStatus[] statuses = PipelineRunStatus.values();
        for (int i = 0; i < 23; i++) {
            PipelineRunStatus s = statuses[i % statuses.length];
            Instant at = T0.plusSeconds(60L * (i / 2)); // pairs in the same microsecond
            RUNS.runs.add(new PipelineRun(UUID.nameUUIDFromBytes(("run" + i).getBytes()), i % 3 == 0 ? "mart_freshness" : "segment_refresh",
                    s, at, s.finished() ? at.plusSeconds(2) : null, s.finished() ? (long) i : null,
                    Map.of("fireTime", at.toString(), "trigger", "schedule"), s == PipelineRunStatus.FAILED ? "boom " + i : null));
        }
        api = RunningApi.withRouteGroups(new PipelineRunsEndpoint(RUNS));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> data(HttpResponse<String> r) {
        return (List<Map<String, Object>>) json(r).get("data");
    }

    @SuppressWarnings("unchecked")
    private static String next(HttpResponse<String> r) {
        // a JSON null parses as Json.NULL
        return ((Map<String, Object>) json(r).get("links")).get("next") instanceof String s ? s : null;
    }

    private static List<Object> expectedIds(PipelineRunFilter filter) {
        return RUNS.runs.stream().filter(filter::accepts).sorted(PipelineRunKey.NEWEST_FIRST).map(r -> (Object) r.id().toString()).toList();
    }

    private static List<Object> followAll(String first) throws Exception {
        List<Object> ids = new ArrayList<>();
        String link = first;
        for (int i = 0; link != null && i < 50; i++) {
            HttpResponse<String> r = api.get(link);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            data(r).forEach(d -> ids.add(d.get("id")));
            link = next(r);
        }
        return ids;
    }

    @Test
    void listsEveryRunNewestFirstAPageAtATime() throws Exception {
        HttpResponse<String> first = api.get(PATH + "?page[size]=5");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(data(first)).hasSize(5);
        Map<String, Object> newest = data(first).get(0);
        assertThat(newest.keySet()).containsExactly("id", "pipelineName", "status", "startedAt", "finishedAt", "processedRecords",
                "parameters", "errorSummary");
        assertThat(next(first)).startsWith(PATH + "?page%5Bsize%5D=5&page%5Bcursor%5D=");
        assertThat(followAll(PATH + "?page[size]=5")).containsExactlyElementsOf(expectedIds(PipelineRunFilter.ALL));
        assertThat(RUNS.threads).noneMatch(t -> t.contains("eventloop"));
    }

    @Test
    void filtersAreAppliedAndKeptInTheNextLinks() throws Exception {
        String query = "?name=segment_refresh&status=failed&from=2026-03-10T03:01:00Z&to=2026-03-10T06:10:00%2B03:00&page[size]=1";
        PipelineRunFilter filter = new PipelineRunFilter(Optional.of("segment_refresh"), Optional.of(PipelineRunStatus.FAILED),
                Optional.of(Instant.parse("2026-03-10T03:01:00Z")), Optional.of(Instant.parse("2026-03-10T03:10:00Z")));
        assertThat(expectedIds(filter)).hasSizeGreaterThan(1);
        HttpResponse<String> first = api.get(PATH + query);
        assertThat(next(first)).contains("name=segment_refresh", "status=failed", "from=2026-03-10T03%3A01%3A00Z", "to=2026-03-10T03%3A10%3A00Z");
        assertThat(data(first).get(0)).containsEntry("status", "failed").containsEntry("pipelineName", "segment_refresh");
        assertThat(followAll(PATH + query)).containsExactlyElementsOf(expectedIds(filter));
        assertThat(data(api.get(PATH + "?name=nothing_like_this"))).isEmpty();
        assertThat(next(api.get(PATH + "?name=nothing_like_this"))).isNull();
    }

    @Test
    void badParametersAreA400NamingThem() throws Exception {
        Map<String, String> bad = Map.of(
                "?status=done", "status",
                "?from=yesterday", "from",
                "?from=2026-03-10T03:00:00Z&to=2026-03-10T03:00:00Z", "to",
                "?page[size]=0", "page[size]",
                "?page[size]=501", "page[size]",
                "?page[cursor]=not-a-cursor", "page[cursor]",
                "?sort=desc", "sort",
                "?name=a&name=b", "name");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> r = api.get(PATH + e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(firstError(r)).as(e.getKey()).containsEntry("code", "INVALID_QUERY_PARAMETERS")
                    .containsEntry("source", Map.of("parameter", e.getValue()));
        }
    }

    @Test
    void aCursorOfOtherFiltersOrAlteredIsRefused() throws Exception {
        String next = next(api.get(PATH + "?status=failed&page[size]=1"));
        String cursor = next.substring(next.indexOf("page%5Bcursor%5D=") + "page%5Bcursor%5D=".length());
        assertThat(api.get(PATH + "?status=failed&page[size]=1&page[cursor]=" + cursor).statusCode()).isEqualTo(200);
        HttpResponse<String> other = api.get(PATH + "?status=succeeded&page[cursor]=" + cursor);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat((String) firstError(other).get("detail")).contains("other filters");
        String altered = (cursor.charAt(3) == 'A' ? "B" : "A");
        HttpResponse<String> tampered = api.get(PATH + "?status=failed&page[cursor]=" + cursor.substring(0, 3) + altered + cursor.substring(4));
        assertThat(tampered.statusCode()).isEqualTo(400);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> r = api.send("POST", PATH, "{}");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void theOpenApiDocumentDescribesTheOperationWithItsPermission() throws Exception {
        try (var in = PipelineRunsEndpoint.class.getResourceAsStream(ApiContract.RESOURCE)) {
            JsonObject fragment = new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            JsonObject get = fragment.getJsonObject("paths").getJsonObject(PATH).getJsonObject("get");
            assertThat(get.getString("x-permission")).isEqualTo("operations:read");
            assertThat(get.getJsonArray("parameters").stream().map(p -> ((JsonObject) p).getString("name", ((JsonObject) p).getString("$ref"))))
                    .contains("name", "status", "from", "to", "#/components/parameters/PageSize", "#/components/parameters/PageCursor");
            assertThat(fragment.getJsonObject("components").getJsonObject("schemas").containsKey("PipelineRun")).isTrue();
        }
    }
}
