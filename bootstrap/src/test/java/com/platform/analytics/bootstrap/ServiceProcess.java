package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real executable ({@code bin/analytics serve}) running as a child process, and an HTTP client for it. */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (https?://[0-9.]+:\\d+/api/v1/analytics)");
    private static final Pattern MANAGEMENT = Pattern.compile("management \\(metrics, probes\\) on (http://[0-9.]+:\\d+)/metrics");
    private static final Pattern GRPC = Pattern.compile("gRPC on [0-9.]+:(\\d+)");
    private final Process process;
    /** Everything the process printed, to this moment: the reader thread keeps appending (guarded by itself). */
    private final List<String> output;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Thread reader;

    private ServiceProcess(Process process, String baseUrl, List<String> output, Thread reader) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.output = output;
        this.reader = reader;
    }

    static Path projectRoot() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }

    static Path sharedDir() {
        return Path.of(System.getProperty("shared.dir", projectRoot().resolve("../shared").toString())).toAbsolutePath().normalize();
    }

    /**
     * {@code bin/analytics} with these arguments, output and errors merged, in an environment without the
     * caller's {@code ANALYTICS_*} settings or preloads (the launcher sets its own).
     */
    static ProcessBuilder executable(String heap, String... args) {
        List<String> command = new ArrayList<>();
        command.add(projectRoot().resolve("bin/analytics").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ANALYTICS_") || k.equals("LD_PRELOAD"));
        pb.environment().put("JAVA_OPTS", heap);
        // several services run side by side in the tests: the management and gRPC ports are picked free
        pb.environment().put("ANALYTICS_MANAGEMENT_PORT", "0");
        pb.environment().put("ANALYTICS_GRPC_PORT", "0");
        return pb;
    }

    static ServiceProcess start(Path dataDir, Map<String, String> env) throws Exception {
        return start(dataDir, env, new String[0]);
    }

    /** {@code serve} with extra arguments (such as {@code --config FILE}). */
    static ServiceProcess start(Path dataDir, Map<String, String> env, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dataDir.toString()));
        args.addAll(List.of(extraArgs));
        ProcessBuilder pb = executable("-Xmx2g", args.toArray(String[]::new));
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("the service ended before listening: " + String.join("\n", lines)));
        }, "service-output");
        reader.setDaemon(true);
        reader.start();
        String base = url.get(180, TimeUnit.SECONDS);
        return new ServiceProcess(p, base, lines, reader);
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The management server's base URL ({@code http://host:port}), from the start-up output. */
    String managementUrl() {
        return startupValue(MANAGEMENT);
    }

    /** The gRPC server's port, from the start-up output. */
    int grpcPort() {
        return Integer.parseInt(startupValue(GRPC));
    }

    private String startupValue(Pattern pattern) {
        synchronized (output) {
            for (String line : output) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new IllegalStateException("the service did not print " + pattern + ": " + output);
    }

    Response post(String path, String contentType, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    Response send(String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    Response get(String path) throws Exception {
        return send("GET", path);
    }

    /** SIGTERM, then the exit code. */
    int stop() throws Exception {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the service stops within 60 s of SIGTERM").isTrue();
        reader.join(10_000); // the rest of its output
        return process.exitValue();
    }

    /** SIGKILL: the process ends at once, mid-work, as in a crash. */
    void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** What the process printed so far (after {@link #stop}: everything, once the reader has drained the pipe). */
    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A response: status, body, content type; {@link #json()} parses the body. */
    record Response(int status, String body, String contentType) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) json().get("data");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> firstError() {
            return ((List<Map<String, Object>>) json().get("errors")).get(0);
        }
    }
}
