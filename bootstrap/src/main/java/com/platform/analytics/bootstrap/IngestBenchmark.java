package com.platform.analytics.bootstrap;

import com.platform.analytics.adapter.clickhouse.ChdbEngine;
import com.platform.analytics.adapter.clickhouse.ClickHouseTransport;
import com.platform.analytics.adapter.http.HttpApiServer;
import com.platform.analytics.bootstrap.demo.GenerationSettings;
import com.platform.analytics.bootstrap.demo.SyntheticPlatform;
import com.platform.analytics.application.LakeWriter;
import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.event.EventBatchDecoder;
import com.platform.analytics.domain.event.EventInput;
import com.platform.analytics.domain.event.EventValidator;
import com.platform.analytics.domain.event.Validated;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.fact.FactRowMapper;
import com.platform.analytics.domain.fact.Mapped;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.port.out.EventWarehouse;
import com.platform.analytics.port.out.ObjectStore;
import com.platform.analytics.port.in.IngestEventsUseCase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingestion benchmark ({@code bench/ingest}): N synthetic events through (1) a raw baseline — the same
 * NDJSON inserted straight into the engine with one {@code INSERT ... FORMAT JSONEachRow} into a table with the
 * same durability setting — (2) {@code ingest FILE} and (3) the HTTP endpoint, each on a fresh data directory, in
 * one run, so the ratios compare like with like on the same machine at the same time. The pipeline's code is
 * warmed up first (the JIT), as it would be in a running server; the raw baseline is native code.
 */
final class IngestBenchmark {
    private final int events;
    private final Path workDir;
    private final PrintStream out;
    /** Concurrent HTTP clients, as several platform services posting at once. */
    private static final int HTTP_CLIENTS = 4;
    /** Threads for the JVM-alone decomposition: the machine's cores. */
    private static final int JVM_THREADS = Runtime.getRuntime().availableProcessors();
    private final Map<String, String> env;
    private Path runDir;

    IngestBenchmark(int events, Path workDir, PrintStream out, Map<String, String> env) {
        this.events = events;
        this.workDir = workDir;
        this.out = out;
        this.env = env;
    }

    int run() throws Exception {
        Files.createDirectories(workDir);
        Path file = workDir.resolve("events-" + events + ".ndjson");
        if (!Files.exists(file)) {
            generate(file, events);
        }
        long bytes = Files.size(file);
        out.printf("bench: %,d events, %,d bytes of NDJSON in %s%n", events, bytes, file);
        // every run writes under a new directory and deletes it only at the end: ext4 allocates inodes slowly
        // right after many were deleted, which would tax whichever phase follows a cleanup
        runDir = workDir.resolve("run-" + System.currentTimeMillis());
        warmUp(file, events, config(runDir.resolve("warm-up")), env, out);
        Map<String, Double> results = new LinkedHashMap<>();
        results.put("raw baseline: one INSERT ... FORMAT JSONEachRow into chDB", raw(file));
        results.put("pipeline: ingest FILE", pipeline(file));
        results.put("pipeline: POST /events (NDJSON, 10,000 per request, " + HTTP_CLIENTS + " clients)", http(file));
        // the pipeline's two halves measured apart, to show where its ceiling is: the same work, minus the other half
        results.put("decomposition: the warehouse alone (mapped rows appended through its adapter, 10,000 per insert)", warehouseAlone(file));
        results.put("decomposition: the JVM work alone (decode, validate, pseudonymize, map, lake bytes; "
                + JVM_THREADS + " threads, no store)", jvmAlone(file));
        delete(runDir);
        double baseline = results.values().iterator().next();
        out.println();
        out.println("| path | events/s | ratio to raw baseline |");
        out.println("|---|---:|---:|");
        for (Map.Entry<String, Double> r : results.entrySet()) {
            out.printf("| %s | %,.0f | %.2f |%n", r.getKey(), r.getValue(), r.getValue() / baseline);
        }
        return 0;
    }

    /**
     * The JIT compiles the pipeline's hot code before anything is measured, as in a long-running server: the first
     * min(100,000, N/5) events through the pipeline into a throw-away data directory (the Kafka benchmark uses it too).
     */
    static void warmUp(Path file, int events, AnalyticsConfig config, Map<String, String> env, PrintStream out) {
        int warmUpEvents = Math.min(100_000, events / 5);
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config, env)) {
            Iterator<String> lines = Main.lines(file);
            Iterator<String> first = new Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return n < warmUpEvents && lines.hasNext();
                }

                @Override
                public String next() {
                    n++;
                    return lines.next();
                }
            };
            LineFeeder.Totals t = LineFeeder.standard(runtime.get(IngestEventsUseCase.class), null).feed("warm-up", first);
            out.printf("  warm-up (not measured): %s%n", t.describe());
        }
    }

    /** The demo's synthetic platform with a fixed seed, cut at {@code events} events (the Kafka benchmark uses it too). */
    static void generate(Path file, int events) throws IOException {
        int users = Math.max(100, events / 30 + 1);  // about 38 events per user over 60 days: overshoot, then cut
        long[] written = {0};
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            new SyntheticPlatform(GenerationSettings.defaults().withUsers(users)).generate(line -> {
                if (written[0] < events) {
                    try {
                        w.write(line);
                        w.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    written[0]++;
                }
            });
        }
        if (written[0] < events) {
            throw new IllegalStateException("the generator gave only " + written[0] + " events");
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private double raw(Path file) throws IOException {
        Path dir = fresh("raw");
        try (ChdbEngine engine = ChdbEngine.open(dir, 1)) {
            ClickHouseTransport t = engine.transport();
            t.execute("CREATE DATABASE IF NOT EXISTS raw");
            t.execute("CREATE TABLE raw.events (specversion String, id String, source String, type LowCardinality(String), "
                    + "time DateTime64(3, 'UTC'), subject String, datacontenttype String, dataschema String, data String) "
                    + "ENGINE = MergeTree PARTITION BY toYYYYMM(time) ORDER BY (type, toDate(time)) "
                    + "SETTINGS fsync_after_insert = 1, fsync_part_directory = 1");
            long start = System.nanoTime();
            byte[] body = Files.readAllBytes(file);
            t.insert("INSERT INTO raw.events SETTINGS input_format_json_read_objects_as_strings = 1, "
                    + "date_time_input_format = 'best_effort'", "JSONEachRow", body);
            long nanos = System.nanoTime() - start;
            String count = t.query("SELECT count() FROM raw.events", "TabSeparated").trim();
            if (Long.parseLong(count) != events) {
                throw new IllegalStateException("raw baseline stored " + count + " rows, expected " + events);
            }
            return report("raw baseline", nanos);
        }
    }

    private double pipeline(Path file) throws Exception {
        Path dir = fresh("pipeline");
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config(dir), env)) {
            LineFeeder.Totals totals = LineFeeder.standard(runtime.get(IngestEventsUseCase.class), null)
                    .feed("ingest", Main.lines(file));
            check(totals.accepted() + totals.rejected() + totals.duplicates());
            out.printf("  ingest FILE: %s%n", totals.describe());
            return report("ingest FILE", totals.nanos());
        }
    }

    private double http(Path file) throws Exception {
        Path dir = fresh("http");
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config(dir), env)) {
            int port = runtime.get(HttpApiServer.class).start();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/analytics/events");
            List<String> bodies = new ArrayList<>();
            StringBuilder chunk = new StringBuilder();
            int n = 0;
            for (Iterator<String> it = Main.lines(file); it.hasNext(); ) {
                chunk.append(it.next()).append('\n');
                if (++n == LineFeeder.CHUNK) {
                    bodies.add(chunk.toString());
                    chunk.setLength(0);
                    n = 0;
                }
            }
            if (n > 0) {
                bodies.add(chunk.toString());
            }
            AtomicLong stored = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(HTTP_CLIENTS, r -> {
                Thread t = new Thread(r, "bench-http-client");
                t.setDaemon(true);
                return t;
            });
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (String body : bodies) {
                futures.add(pool.submit(() -> {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                    }
                    stored.addAndGet(handled(r.body()));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            long nanos = System.nanoTime() - start;
            pool.shutdown();
            check(stored.get());
            return report("POST /events", nanos);
        }
    }

    /**
     * The warehouse's share: the events decoded, validated, pseudonymized and mapped beforehand (not timed), then
     * their rows appended as the pipeline appends them: 10,000 per insert, one insert at a time (the pipeline's
     * store lock), into the real schema (typed table, key projection, materialized views, fsync).
     */
    private double warehouseAlone(Path file) throws Exception {
        Path dir = fresh("warehouse-alone");
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config(dir), env)) {
            List<List<FactRow>> batches = new ArrayList<>();
            for (List<String> chunk : chunks(file)) {
                batches.add(rowsOf(runtime, chunk));
            }
            EventWarehouse warehouse = runtime.get(EventWarehouse.class);
            long start = System.nanoTime();
            for (List<FactRow> rows : batches) {
                warehouse.append(rows);
            }
            long nanos = System.nanoTime() - start;
            check(batches.stream().mapToLong(List::size).sum());
            return report("warehouse alone", nanos);
        }
    }

    /**
     * The JVM's share: decode, validate, pseudonymize, map and the lake's gzip'd bytes of every event, in requests of
     * 10,000 on {@link #JVM_THREADS} threads (the machine's cores), with nothing stored.
     */
    private double jvmAlone(Path file) throws Exception {
        Path dir = fresh("jvm-alone");
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config(dir), env)) {
            List<String> bodies = new ArrayList<>();
            for (List<String> chunk : chunks(file)) {
                bodies.add(String.join("\n", chunk));
            }
            LakeWriter lakeBytes = new LakeWriter(new ObjectStore() {
                @Override
                public void put(String key, byte[] content) {
                }

                @Override
                public java.util.Optional<byte[]> get(String key) {
                    return java.util.Optional.empty();
                }

                @Override
                public List<String> list(String prefix) {
                    return List.of();
                }

                @Override
                public void delete(String key) {
                }
            }, new com.platform.analytics.port.out.LakeJournal() {
                @Override
                public long append(byte[] record) {
                    return 1;
                }

                @Override
                public long currentSegment() {
                    return 1;
                }

                @Override
                public void rotate() {
                }

                @Override
                public void deleteSegmentsBefore(long segment) {
                }

                @Override
                public void replay(java.util.function.BiConsumer<Long, byte[]> consumer) {
                }

                @Override
                public void close() {
                }
            }, java.time.Clock.systemUTC(), LakeWriter.Settings.defaults());
            ExecutorService pool = Executors.newFixedThreadPool(JVM_THREADS);
            AtomicLong handled = new AtomicLong();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (String body : bodies) {
                futures.add(pool.submit(() -> {
                    List<LakeWriter.Entry> entries = new ArrayList<>();
                    List<FactRow> rows = new ArrayList<>();
                    handled.addAndGet(prepare(runtime, body, entries, rows));
                    lakeBytes.append(entries);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            long nanos = System.nanoTime() - start;
            pool.shutdown();
            check(handled.get());
            return report("JVM work alone", nanos);
        }
    }

    private List<FactRow> rowsOf(AnalyticsRuntime runtime, List<String> chunk) {
        List<FactRow> rows = new ArrayList<>();
        prepare(runtime, String.join("\n", chunk), new ArrayList<>(), rows);
        return rows;
    }

    /** The pipeline's per-event work on one request; returns the number of events handled. */
    private static int prepare(AnalyticsRuntime runtime, String body, List<LakeWriter.Entry> entries, List<FactRow> rows) {
        EventValidator validator = runtime.get(EventValidator.class);
        Pseudonymizer pseudonymizer = runtime.get(Pseudonymizer.class);
        FactRowMapper mapper = runtime.get(FactRowMapper.class);
        Instant receivedAt = Instant.now();
        int n = 0;
        for (EventInput input : runtime.get(EventBatchDecoder.class).decode(BodyFormat.NDJSON, body)) {
            n++;
            Validated v = validator.validate(input);
            if (v.rejection() != null) {
                continue;
            }
            CloudEvent event = pseudonymizer.pseudonymize(v.event());
            Mapped mapped = mapper.map(event, receivedAt);
            if (mapped.row() != null) {
                rows.add(mapped.row());
                entries.add(new LakeWriter.Entry(event, mapped.row().dataJson()));
            }
        }
        return n;
    }

    private static List<List<String>> chunks(Path file) throws IOException {
        List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        for (Iterator<String> it = Main.lines(file); it.hasNext(); ) {
            chunk.add(it.next());
            if (chunk.size() == LineFeeder.CHUNK) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** Every event a response accounts for: accepted, duplicates and rejected. */
    private static long handled(String response) {
        Map<?, ?> data = (Map<?, ?>) Json.parseObject(response).get("data");
        return ((Number) data.get("accepted")).longValue() + ((Number) data.get("duplicates")).longValue()
                + ((Number) data.get("rejected")).longValue();
    }

    private void check(long handled) {
        if (handled != events) {
            throw new IllegalStateException("handled " + handled + " events, expected " + events);
        }
    }

    private double report(String label, long nanos) {
        double perSecond = events * 1e9 / nanos;
        out.printf("  %s: %,d events in %.1f s = %,.0f events/s%n", label, events, nanos / 1e9, perSecond);
        return perSecond;
    }

    private Path fresh(String name) {
        return runDir.resolve(name);
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private AnalyticsConfig config(Path dataDir) {
        return ConfigLoader.load(null, env, Map.of("data_dir", dataDir.toString(), "server.port", "0"));
    }
}
