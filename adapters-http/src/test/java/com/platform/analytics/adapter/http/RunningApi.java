package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An {@link HttpApiServer} started on a free port of 127.0.0.1, and an HTTP/1.1 client speaking to it: the setup
 * every endpoint test shares. Close it to stop the server.
 */
final class RunningApi implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpApiServer server;
    private final int port;

    private RunningApi(HttpApiServer server) {
        this.server = requireNonNull(server, "server is null");
        this.port = server.start();
    }

    /** Starts {@code server} (configured on port 0). */
    static RunningApi start(HttpApiServer server) {
        return new RunningApi(server);
    }

    /** Starts a server with {@code groups}, idle fakes for ingestion and metrics and a 1 KiB ingestion limit. */
    static RunningApi withRouteGroups(RouteGroup... groups) {
        return start(new HttpApiServer(new HttpApiConfig("127.0.0.1", 0, 1024), new FakeIngestEvents(),
                new FakeMetricQueries(), List.of(groups)));
    }

    int port() {
        return port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send(request(pathAndQuery).GET());
    }

    /** POST with {@code contentType} (none when null). */
    HttpResponse<String> post(String pathAndQuery, String contentType, String body) throws Exception {
        HttpRequest.Builder b = request(pathAndQuery).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    HttpResponse<String> postJson(String pathAndQuery, String body) throws Exception {
        return post(pathAndQuery, JsonResponses.APPLICATION_JSON, body);
    }

    /** Any method; a non-null body is sent as application/json. */
    HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.Builder b = request(pathAndQuery)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", JsonResponses.APPLICATION_JSON);
        }
        return send(b);
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        return Json.parseObject(response.body());
    }

    /** The {@code data} object of a success document. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> data(HttpResponse<String> response) {
        return (Map<String, Object>) json(response).get("data");
    }

    /** The first error of the spec's {@code {"errors": [...]}} document. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> firstError(HttpResponse<String> response) {
        return ((List<Map<String, Object>>) json(response).get("errors")).get(0);
    }

    @Override
    public void close() {
        server.close();
    }
}
