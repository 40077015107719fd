package com.platform.analytics.adapter.clickhouse;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The ClickHouse server the HTTP transport is tested against: the one named by {@code CLICKHOUSE_HTTP_URL}
 * (system property {@code clickhouse.http.url} or environment variable), or else one this class starts
 * through {@code .ci/start-clickhouse-server.sh} on 127.0.0.1, free ports and a temporary directory, and
 * stops and deletes on {@link #close()}. A server that cannot be had is a failure, never a skip.
 */
final class ClickHouseServerProcess implements AutoCloseable {
    private static final String URL_PROPERTY = "clickhouse.http.url";
    private static final String URL_VARIABLE = "CLICKHOUSE_HTTP_URL";

    private final URI url;
    private final Path script;
    private final Path dir;

    private ClickHouseServerProcess(URI url, Path script, Path dir) {
        this.url = url;
        this.script = script;
        this.dir = dir;
    }

    static ClickHouseServerProcess startOrFind() throws IOException, InterruptedException {
        String given = System.getProperty(URL_PROPERTY, System.getenv(URL_VARIABLE));
        if (given != null && !given.isBlank()) {
            return new ClickHouseServerProcess(URI.create(given.strip()), null, null);
        }
        Path script = findScript();
        Path dir = Files.createTempDirectory("clickhouse-server-test");
        ClickHouseServerProcess server = null;
        try {
            List<String> output = run(script, "start", dir.toString(), Integer.toString(freePort()),
                    Integer.toString(freePort()));
            String last = output.isEmpty() ? "" : output.get(output.size() - 1).strip();
            server = new ClickHouseServerProcess(URI.create(last), script, dir);
            return server;
        } finally {
            if (server == null) {
                stopAndDelete(script, dir);
            }
        }
    }

    URI url() {
        return url;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (dir != null) {
            stopAndDelete(script, dir);
        }
    }

    private static void stopAndDelete(Path script, Path dir) throws IOException, InterruptedException {
        try {
            run(script, "stop", dir.toString());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // installing the package on a bare machine takes a while; starting takes under a second
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("no ClickHouse server for the HTTP transport tests (set " + URL_VARIABLE
                    + " to use a running one): " + script + " " + String.join(" ", args) + " exited with "
                    + process.exitValue() + ":\n" + output);
        }
        return output.lines().toList();
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".ci/start-clickhouse-server.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(".ci/start-clickhouse-server.sh not found above " + Path.of("").toAbsolutePath()
                + "; set " + URL_VARIABLE + " to a running ClickHouse server");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
