package com.platform.analytics.bootstrap;

import com.platform.analytics.adapter.grpc.GrpcServer;
import com.platform.analytics.application.JobScheduler;
import com.platform.analytics.adapter.http.HttpApiServer;
import com.platform.analytics.adapter.metrics.ManagementServer;
import com.platform.analytics.bootstrap.demo.GenerationSettings;
import com.platform.analytics.bootstrap.demo.GenerationSummary;
import com.platform.analytics.bootstrap.demo.SyntheticPlatform;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.in.CohortRetentionUseCase;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The {@code analytics} executable. */
public final class Main {
    private static final String USAGE = """
            usage: analytics <command> [options]
              serve    [--host H] [--port N] [--data-dir DIR] [--config FILE]
                       run the REST API (default 127.0.0.1:8080, data in ./data)
              ingest   [--data-dir DIR] [--config FILE] FILE...
                       ingest NDJSON or JSON-array batch files (.gz too) through the pipeline
              demo     [--users N] [--days D] [--seed S] [--serve] [--port N] [--data-dir DIR] [--config FILE]
                       generate a synthetic platform, ingest it, print a KPI summary
              generate [--users N] [--days D] [--seed S] --out FILE
                       write the synthetic platform's events as NDJSON (.gz to compress)
              check-config --config FILE
                       read and validate a configuration (with the ANALYTICS_* environment) without starting anything
              bench-ingest [--events N] [--work-dir DIR]
                       the ingestion benchmark: raw engine baseline, ingest FILE and HTTP, in one run
              bench-kafka  --bootstrap-servers HOST:PORT [--events N] [--consumers C] [--max-poll-records R] [--work-dir DIR]
                       the Kafka benchmark: a raw consumer's baseline and the pipeline behind the Kafka consumer
              bench-analysis [--data-dir DIR] [--from D] [--to D] [--only TEXT]
                       the analyses benchmark (--only: the cases whose name contains TEXT): each analysis against a hand-written SQL baseline (bench/analysis/run.sh)
            """;
    private static final Set<String> COMMON = Set.of("data-dir", "config", "host", "port");

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(List.of(args), System.out, System.err, System.getenv());
        } catch (CommandLine.UsageException e) {
            System.err.println("analytics: " + e.getMessage());
            System.err.print(USAGE);
            code = 2;
        } catch (ConfigLoader.ConfigException e) {
            System.err.println("analytics: configuration: " + e.getMessage());
            code = 2;
        } catch (RuntimeException e) {
            // whatever failed, the process ends: a thread left behind must not keep it alive
            System.err.println("analytics: " + e.getMessage());
            e.printStackTrace(System.err);
            code = 1;
        }
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code, or {@link Integer#MIN_VALUE} when it keeps serving. */
    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "serve":
                return serve(CommandLine.parse(rest, COMMON, Set.of()), out, env);
            case "ingest":
                return ingest(CommandLine.parse(rest, COMMON, Set.of()), out, err, env);
            case "check-config": {
                AnalyticsConfig config = config(CommandLine.parse(rest, COMMON, Set.of()), env);
                out.printf("configuration valid: profile %s, API on %s:%d, authentication %s%n", config.profile(), config.host(),
                        config.port(), config.surface().auth().jwt() ? "jwt" : "none (loopback only)");
                return 0;
            }
            case "demo":
                return demo(CommandLine.parse(rest, union(COMMON, Set.of("users", "days", "seed")), Set.of("serve")), out, err, env);
            case "bench-ingest": {
                CommandLine cl = CommandLine.parse(rest, Set.of("events", "work-dir"), Set.of());
                try {
                    return new IngestBenchmark(cl.intOption("events", 1_000_000),
                            Path.of(cl.get("work-dir") == null ? "bench/results/ingest" : cl.get("work-dir")), out, env).run();
                } catch (Exception e) {
                    throw new IllegalStateException("bench-ingest failed: " + e.getMessage(), e);
                }
            }
            case "bench-analysis": {
                CommandLine cl = CommandLine.parse(rest, Set.of("data-dir", "from", "to", "only"), Set.of());
                Map<String, String> d = AnalysisBenchmark.defaults();
                return new AnalysisBenchmark(Path.of(cl.get("data-dir") == null ? d.get("data-dir") : cl.get("data-dir")),
                        cl.get("from") == null ? d.get("from") : cl.get("from"), cl.get("to") == null ? d.get("to") : cl.get("to"),
                        cl.get("only") == null ? "" : cl.get("only"), out, env).run();
            }
            case "bench-kafka": {
                KafkaBenchmark bench = KafkaBenchmark.of(CommandLine.parse(rest,
                        Set.of("bootstrap-servers", "events", "work-dir", "max-poll-records", "consumers"), Set.of()), out, env);
                try {
                    return bench.run();
                } catch (Exception e) {
                    throw new IllegalStateException("bench-kafka failed: " + e.getMessage(), e);
                }
            }
            case "generate":
                return generate(CommandLine.parse(rest, Set.of("users", "days", "seed", "out"), Set.of()), out);
            default:
                throw new CommandLine.UsageException("unknown command '" + args.get(0) + "'");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }

    static AnalyticsConfig config(CommandLine cl, Map<String, String> env) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (cl.get("data-dir") != null) {
            overrides.put("data_dir", cl.get("data-dir"));
        }
        if (cl.get("host") != null) {
            overrides.put("server.host", cl.get("host"));
        }
        if (cl.get("port") != null) {
            overrides.put("server.port", cl.get("port"));
        }
        Path file = cl.get("config") == null ? null : Path.of(cl.get("config"));
        if (file != null && !Files.isRegularFile(file)) {
            throw new ConfigLoader.ConfigException("--config " + file + ": no such file");
        }
        return ConfigLoader.load(file, env, overrides);
    }

    private static int serve(CommandLine cl, PrintStream out, Map<String, String> env) {
        AnalyticsConfig config = config(cl, env);
        AnalyticsRuntime runtime = AnalyticsRuntime.start(config, env);
        startOperations(runtime, config, out);
        startHttp(runtime, config, out);
        if (config.isCluster()) {
            runtime.get(KafkaIntake.class).start();
            out.printf("consuming %s from Kafka at %s as group %s (%d consumers)%n", config.cluster().kafka().topics().isEmpty()
                    ? "topics matching " + config.cluster().kafka().topicPattern() : config.cluster().kafka().topics(),
                    config.cluster().kafka().bootstrapServers(), config.cluster().kafka().groupId(),
                    config.cluster().kafka().consumers());
            out.flush();
        }
        if (config.schedulerThreads() > 0) {
            runtime.get(JobScheduler.class).start();
        }
        runtime.get(StartupReadiness.class).started();
        awaitShutdown();
        return Integer.MIN_VALUE;
    }

    /** The management port (metrics, probes: not ready until everything started) and, when enabled, gRPC. */
    private static void startOperations(AnalyticsRuntime runtime, AnalyticsConfig config, PrintStream out) {
        ManagementServer management = runtime.get(ManagementServer.class);
        management.start();
        out.printf("management (metrics, probes) on http://%s:%d/metrics%n", config.surface().management().host(), management.port());
        if (config.surface().grpc() != null) {
            GrpcServer grpc = runtime.get(GrpcServer.class).start();
            out.printf("gRPC on %s:%d%s%n", config.surface().grpc().host(), grpc.port(),
                    config.surface().tls() == null ? "" : " (TLS)");
        }
        if (!config.surface().auth().jwt()) {
            out.println("authentication is off (auth.mode: none): every caller acts as an administrator; loopback only");
        }
        out.flush();
    }

    private static void startHttp(AnalyticsRuntime runtime, AnalyticsConfig config, PrintStream out) {
        int port = runtime.get(HttpApiServer.class).start();
        out.printf("Analytics Service listening on %s://%s:%d/api/v1/analytics (data in %s)%n",
                config.surface().tls() == null ? "http" : "https", config.host(), port,
                config.dataDir().toAbsolutePath().normalize());
        out.flush();
    }

    private static void awaitShutdown() {
        CountDownLatch never = new CountDownLatch(1);
        Thread keeper = new Thread(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "analytics-serve");
        keeper.setDaemon(false);
        keeper.start();
    }

    private static int ingest(CommandLine cl, PrintStream out, PrintStream err, Map<String, String> env) {
        if (cl.positional.isEmpty()) {
            throw new CommandLine.UsageException("ingest needs at least one FILE");
        }
        for (String f : cl.positional) {
            if (!Files.isRegularFile(Path.of(f))) {
                throw new CommandLine.UsageException("no such file: " + f);
            }
        }
        AnalyticsConfig config = config(cl, env);
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config, env)) {
            LineFeeder feeder = LineFeeder.standard(runtime.get(IngestEventsUseCase.class), err);
            long rejected = 0;
            for (String f : cl.positional) {
                rejected += feeder.feed(f, lines(Path.of(f))).rejected();
            }
            out.println(rejected == 0 ? "ingest: done" : "ingest: done; refused events are kept under " + config.lakeDir().resolve("dead_letter"));
            return 0;
        }
    }

    /** The events of a file: NDJSON lines, or the elements of a JSON array (a batch file); gzip'd or not. */
    static Iterator<String> lines(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            if (file.toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            reader.mark(1 << 16);
            int c;
            do {
                c = reader.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            reader.reset();
            if (c == '[') {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[1 << 16];
                int n;
                while ((n = reader.read(buf)) > 0) {
                    sb.append(buf, 0, n);
                }
                reader.close();
                Object parsed = Json.parse(sb.toString());
                List<String> events = new ArrayList<>();
                for (Object e : (List<?>) parsed) {
                    events.add(Json.write(e));
                }
                return events.iterator();
            }
            return new Iterator<>() {
                String next = advance();

                private String advance() {
                    try {
                        String l = reader.readLine();
                        if (l == null) {
                            reader.close();
                        }
                        return l;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public String next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    String l = next;
                    next = advance();
                    return l;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (Json.JsonException e) {
            throw new CommandLine.UsageException(file + " is not NDJSON nor a JSON array of events: " + e.getMessage());
        }
    }

    private static GenerationSettings settings(CommandLine cl) {
        GenerationSettings s = GenerationSettings.defaults();
        s = s.withUsers(cl.intOption("users", s.users())).withDays(cl.intOption("days", s.days()));
        if (cl.get("seed") != null) {
            s = s.withSeed(Long.parseLong(cl.get("seed")));
        }
        return s;
    }

    private static int generate(CommandLine cl, PrintStream out) {
        if (cl.get("out") == null) {
            throw new CommandLine.UsageException("generate needs --out FILE");
        }
        GenerationSettings s = settings(cl);
        Path file = Path.of(cl.get("out"));
        try (OutputStream os = file.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) : Files.newOutputStream(file);
                Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
            GenerationSummary summary = new SyntheticPlatform(s).generate(line -> {
                try {
                    w.write(line);
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.printf("generate: %,d events of %,d users over %d days -> %s%n", summary.events(), s.users(), s.days(), file);
            out.printf("generate: %s%n", summary.planted().describe());
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static int demo(CommandLine cl, PrintStream out, PrintStream err, Map<String, String> env) {
        GenerationSettings s = settings(cl);
        AnalyticsConfig config = config(cl, env);
        AnalyticsRuntime runtime = AnalyticsRuntime.start(config, env);
        boolean serving = false;
        try {
            out.printf("demo: a synthetic platform of %,d users over %d days (%s .. %s, seed %d), data in %s%n",
                    s.users(), s.days(), s.firstDay(), s.lastDay(), s.seed(), config.dataDir().toAbsolutePath().normalize());
            GeneratedIngestion.ingest(sink -> new SyntheticPlatform(s).generate(sink), runtime.get(IngestEventsUseCase.class), err);
            new KpiSummary(runtime.get(MetricQueriesUseCase.class), runtime.get(CohortRetentionUseCase.class))
                    .print(s.firstDay(), s.lastDay(), out);
            if (cl.flag("serve")) {
                startOperations(runtime, config, out);
                startHttp(runtime, config, out);
                runtime.get(StartupReadiness.class).started();
                serving = true;
                awaitShutdown();
                return Integer.MIN_VALUE;
            }
            return 0;
        } finally {
            if (!serving) {
                runtime.close();
            }
        }
    }

}
