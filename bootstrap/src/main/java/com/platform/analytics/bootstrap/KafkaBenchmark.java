package com.platform.analytics.bootstrap;

import com.platform.analytics.adapter.kafka.KafkaConsumerConfig;
import com.platform.analytics.adapter.kafka.KafkaConsumerMetrics;
import com.platform.analytics.adapter.kafka.KafkaTopicTool;
import com.platform.analytics.adapter.kafka.KafkaEventConsumer;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.out.StoredEventKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Kafka benchmark ({@code bench/kafka}): the cluster profile's intake — a {@link KafkaEventConsumer} feeding the
 * ingestion pipeline on the embedded profile's stores — against a raw baseline in the same run: a plain consumer
 * that reads the same records from the same broker and does nothing with them.
 *
 * <p>The N events are IngestBenchmark's (the same file, or the same generator), produced once to a fresh topic of
 * {@link #PARTITIONS} partitions, keyed by user, as structured-mode CloudEvents (the JSON as the value,
 * {@code content-type: application/cloudevents+json}). The pipeline is timed from the consumers' start until the
 * group's committed offsets reach the end of every partition — a commit follows durability in the warehouse and
 * the lake, so that is the moment every event is stored — and the warehouse is then checked to hold them.
 *
 * <p>This harness talks to Kafka with the client library itself (producer, raw consumer, admin): it measures the
 * adapter from outside, as a second client of the same broker would.
 */
final class KafkaBenchmark {
    /** As many partitions as a small production topic; more than the consumers, so a group can split them. */
    private static final int PARTITIONS = 4;
    private static final int DEFAULT_MAX_POLL_RECORDS = 5_000;
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often the group's committed offsets are compared with the end offsets. */
    private static final Duration OFFSET_CHECK = Duration.ofMillis(100);
    /** A phase that makes no progress for this long has failed. */
    private static final Duration STALL = Duration.ofMinutes(5);

    private final String bootstrapServers;
    private final int events;
    private final int maxPollRecords;
    private final int consumers;
    private final Path workDir;
    private final PrintStream out;
    private final Map<String, String> env;
    private final String stamp = Long.toString(System.currentTimeMillis());
    private final Path runDir;

    private KafkaBenchmark(String bootstrapServers, int events, int maxPollRecords, int consumers, Path workDir,
                           PrintStream out, Map<String, String> env) {
        this.bootstrapServers = bootstrapServers;
        this.events = events;
        this.maxPollRecords = maxPollRecords;
        this.consumers = consumers;
        this.workDir = workDir;
        this.out = out;
        this.env = env;
        this.runDir = workDir.resolve("run-" + stamp);
    }

    /** The benchmark a command line asks for: {@code --bootstrap-servers} is required. */
    static KafkaBenchmark of(CommandLine cl, PrintStream out, Map<String, String> env) {
        String servers = cl.get("bootstrap-servers");
        if (servers == null || servers.isBlank()) {
            throw new CommandLine.UsageException("bench-kafka needs --bootstrap-servers HOST:PORT (bench/kafka/run.sh starts a broker)");
        }
        int events = cl.intOption("events", 1_000_000);
        int maxPoll = cl.intOption("max-poll-records", DEFAULT_MAX_POLL_RECORDS);
        int consumers = cl.intOption("consumers", 1);
        if (events < 1 || consumers < 1 || consumers > PARTITIONS || maxPoll < 1 || maxPoll > KafkaConsumerConfig.MAX_BATCH_EVENTS) {
            throw new CommandLine.UsageException("bench-kafka: --events >= 1, --consumers 1.." + PARTITIONS
                    + ", --max-poll-records 1.." + KafkaConsumerConfig.MAX_BATCH_EVENTS);
        }
        Path workDir = Path.of(cl.get("work-dir") == null ? "bench/results/kafka" : cl.get("work-dir"));
        return new KafkaBenchmark(servers, events, maxPoll, consumers, workDir, out, env);
    }

    int run() throws Exception {
        Files.createDirectories(workDir);
        Path file = eventsFile();
        out.printf("bench: %,d events, %,d bytes of NDJSON in %s; broker %s%n", events, Files.size(file), file,
                bootstrapServers);
        String topic = "bench.events." + stamp;
        try (KafkaTopicTool kafka = new KafkaTopicTool(bootstrapServers)) {
            kafka.createTopic(topic, PARTITIONS);
            try {
                double produced = produce(kafka, file, topic);
                Map<Integer, Long> end = kafka.endOffsets(topic, PARTITIONS);
                long total = end.values().stream().mapToLong(Long::longValue).sum();
                if (total != events) {
                    throw new IllegalStateException("the topic holds " + total + " records, expected " + events);
                }
                out.printf("  partitions (records): %s%n", end.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + String.format("%,d", e.getValue()))
                        .collect(Collectors.joining(", ")));
                Map<String, Double> results = new LinkedHashMap<>();
                results.put("raw baseline: a plain KafkaConsumer reads every record (byte[], counted, nothing else)",
                        raw(kafka, topic));
                IngestBenchmark.warmUp(file, events, config(runDir.resolve("warm-up")), env, out);
                results.put("pipeline: KafkaEventConsumer → IngestEventsUseCase (1 consumer, max.poll.records "
                        + maxPollRecords + "), until the group's commits reach the end offsets",
                        pipeline(kafka, topic, end, 1));
                if (consumers > 1) {
                    results.put("pipeline: the same with " + consumers + " consumers in the group (one process, one pipeline)",
                            pipeline(kafka, topic, end, consumers));
                }
                // the same pipeline fed from the file as `ingest FILE` feeds it, in this run: what the pipeline itself
                // does here, so that the Kafka intake's own cost shows apart from the machine's load
                results.put("reference: the same pipeline fed from the file (ingest FILE: 10,000 per request, "
                        + LineFeeder.IN_FLIGHT + " in flight), no Kafka", fromFile(file));
                double baseline = results.values().iterator().next();
                out.println();
                out.printf("produce (not compared; for information): %,.0f events/s%n", produced);
                out.println();
                out.println("| path | events/s | ratio to raw baseline |");
                out.println("|---|---:|---:|");
                for (Map.Entry<String, Double> r : results.entrySet()) {
                    out.printf("| %s | %,.0f | %.2f |%n", r.getKey(), r.getValue(), r.getValue() / baseline);
                }
            } finally {
                kafka.deleteTopic(topic);
                delete(runDir);
            }
        }
        return 0;
    }

    /** IngestBenchmark's file for N events if it is there, otherwise the same generator writes it there. */
    private Path eventsFile() throws IOException {
        Path dir = workDir.toAbsolutePath().resolveSibling("ingest");
        Path file = dir.resolve("events-" + events + ".ndjson");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            IngestBenchmark.generate(file, events);
        }
        return file;
    }

    /** Produces every event once (not compared with anything; the rate is printed for information). */
    private double produce(KafkaTopicTool kafka, Path file, String topic) throws IOException {
        long start = System.nanoTime();
        long acknowledged = kafka.produce(topic, Main.lines(file), KafkaBenchmark::userKey);
        long nanos = System.nanoTime() - start;
        if (acknowledged != events) {
            throw new IllegalStateException("the broker acknowledged " + acknowledged + " records, expected " + events);
        }
        return report("produce (acks=all, keyed by user)", nanos);
    }

    /**
     * The partition key: the user the event is about ({@code data.userId}), else its subject. A text search rather
     * than a JSON parse, as producing is not what is measured and a platform service knows its key without parsing.
     */
    static String userKey(String line) {
        String user = field(line, "\"userId\":\"");
        if (user != null) {
            return user;
        }
        String subject = field(line, "\"subject\":\"");
        return subject == null ? "" : subject;
    }

    private static String field(String line, String prefix) {
        int at = line.indexOf(prefix);
        if (at < 0) {
            return null;
        }
        int from = at + prefix.length();
        int to = line.indexOf('"', from);
        return to < 0 ? null : line.substring(from, to);
    }

    /**
     * The raw baseline: a consumer of a new group with the settings the adapter gives its own (earliest,
     * read_committed, the same max.poll.records), reading every record and only counting them and their bytes.
     */
    private double raw(KafkaTopicTool kafka, String topic) {
        long start = System.nanoTime();
        KafkaTopicTool.RawRead read = kafka.readAll(topic, "bench-raw-" + stamp, maxPollRecords, events, STALL);
        long nanos = System.nanoTime() - start;
        if (read.records() != events) {
            throw new IllegalStateException("the raw consumer read " + read.records() + " records, expected " + events);
        }
        out.printf("  raw baseline: %,d records, %,d bytes of keys and values%n", read.records(), read.bytes());
        return report("raw baseline", nanos);
    }

    /**
     * The cluster profile's intake on the embedded profile's stores: {@code members} consumers of a new group on one
     * pipeline, timed from their start until the group's committed offsets reach {@code end} on every partition.
     */
    private double pipeline(KafkaTopicTool kafka, String topic, Map<Integer, Long> end, int members) throws Exception {
        Path dir = runDir.resolve("pipeline-" + members);
        String group = "bench-pipeline-" + members + "-" + stamp;
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config(dir), env)) {
            IngestEventsUseCase ingestion = runtime.get(IngestEventsUseCase.class);
            KafkaConsumerConfig config = KafkaConsumerConfig.forTopics(bootstrapServers, group, List.of(topic))
                    .withMaxPollRecords(maxPollRecords);
            List<KafkaEventConsumer> started = new ArrayList<>();
            long nanos;
            try {
                long start = System.nanoTime();
                for (int i = 0; i < members; i++) {
                    KafkaEventConsumer consumer = new KafkaEventConsumer(config, ingestion);
                    started.add(consumer);
                    consumer.start();
                }
                nanos = awaitCommitted(kafka, topic, group, end, started, start);
            } finally {
                for (KafkaEventConsumer consumer : started) {
                    consumer.close();
                }
            }
            long consumed = 0;
            long rejected = 0;
            for (KafkaEventConsumer consumer : started) {
                KafkaConsumerMetrics m = consumer.metrics();
                consumed += m.consumed();
                rejected += m.rejected();
            }
            long stored = runtime.get(StoredEventKeys.class).countKeys();
            out.printf("  pipeline (%d consumer%s): %,d records handled, %,d rejected (dead-lettered), %,d events in the"
                    + " warehouse%n", members, members == 1 ? "" : "s", consumed, rejected, stored);
            if (stored + rejected != events) {
                throw new IllegalStateException("the warehouse holds " + stored + " events and " + rejected
                        + " were rejected, expected " + events + " in all");
            }
            return report("pipeline, " + members + " consumer" + (members == 1 ? "" : "s"), nanos);
        }
    }

    private double fromFile(Path file) {
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config(runDir.resolve("file")), env)) {
            LineFeeder.Totals totals = LineFeeder.standard(runtime.get(IngestEventsUseCase.class), null)
                    .feed("ingest", Main.lines(file));
            if (totals.accepted() + totals.rejected() + totals.duplicates() != events) {
                throw new IllegalStateException("ingest FILE handled " + totals.lines() + " events, expected " + events);
            }
            out.printf("  ingest FILE: %s%n", totals.describe());
            return report("ingest FILE", totals.nanos());
        }
    }

    /** Polls the group's committed offsets until they reach the end offsets; returns the nanoseconds since start. */
    private long awaitCommitted(KafkaTopicTool kafka, String topic, String group, Map<Integer, Long> end,
                                List<KafkaEventConsumer> members, long start) throws Exception {
        long lastTotal = -1;
        long lastProgress = start;
        long lastPrint = start;
        while (true) {
            Map<Integer, Long> committed = kafka.committedOffsets(group, topic);
            long now = System.nanoTime();
            long total = 0;
            boolean done = true;
            for (Map.Entry<Integer, Long> e : end.entrySet()) {
                long at = committed.getOrDefault(e.getKey(), 0L);
                total += Math.min(at, e.getValue());
                done &= at >= e.getValue();
            }
            if (done) {
                return now - start;
            }
            for (KafkaEventConsumer member : members) {
                KafkaConsumerMetrics m = member.metrics();
                if (m.failure() != null) {
                    throw new IllegalStateException("a consumer stopped: " + m.failure());
                }
            }
            if (total > lastTotal) {
                lastTotal = total;
                lastProgress = now;
            } else if (now - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException("the group committed " + total + " of " + events + " and nothing more for "
                        + STALL);
            }
            if (now - lastPrint > 10_000_000_000L) {
                lastPrint = now;
                out.printf("  ... %,d of %,d committed (%,.0f events/s so far)%n", total, events, total * 1e9 / (now - start));
            }
            Thread.sleep(OFFSET_CHECK.toMillis());
        }
    }

    private double report(String label, long nanos) {
        double perSecond = events * 1e9 / nanos;
        out.printf("  %s: %,d events in %.1f s = %,.0f events/s%n", label, events, nanos / 1e9, perSecond);
        return perSecond;
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private AnalyticsConfig config(Path dataDir) {
        return ConfigLoader.load(null, env, Map.of("data_dir", dataDir.toString(), "server.port", "0"));
    }
}
