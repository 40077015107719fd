package com.platform.analytics.bootstrap;

import com.platform.analytics.adapter.grpc.v1.Instance;
import com.platform.analytics.adapter.grpc.v1.PredictRequest;
import com.platform.analytics.adapter.grpc.v1.PredictResponse;
import com.platform.analytics.adapter.grpc.v1.PredictionsServiceGrpc;
import com.platform.analytics.adapter.onnx.OnnxModelRuntime;
import com.platform.analytics.adapter.tribuo.TribuoClassifierTrainer;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.features.ChurnFeature;
import com.platform.analytics.port.out.ClassifierTrainer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The prediction benchmark (not a test; {@code bench/predict/run.sh} runs it with the test classpath): a churn-like
 * logistic regression of 20 features trained here by the Tribuo trainer, registered over REST (multipart) in the
 * built service ({@code bin/analytics serve}, embedded profile, loopback, authentication off), promoted, then served
 * over REST and gRPC to clients in this process. Every case is closed-loop (each client sends its next call when the
 * previous one is answered), warmed up for a while before it is measured, and measured in the same run as its
 * baselines:
 * <ul>
 *   <li>ONNX Runtime in this process ({@link OnnxModelRuntime#predict} with the instances already validated): what
 *       scoring itself costs, a single row and a batch of 1000;
 *   <li>the service's {@code GET /health} with the same HTTP client, and gRPC's {@code grpc.health.v1.Health/Check}
 *       on the same channel: what a call through each transport costs when it does nothing.
 * </ul>
 * Latencies are per call, from send to the whole answer read, percentiles by nearest rank over every call of the
 * measured window. The client shares the machine's cores with the service.
 */
final class PredictionBenchmark {
    private static final int FEATURE_COUNT = 20;
    private static final int POOL = 1000; // distinct single instances sent in turn
    private static final int BATCH = 1000;
    private static final int STREAM_WINDOW = 64; // requests in flight on one PredictStream call
    private static final String MODEL = "churn_bench";

    private final Duration warmUp;
    private final Duration measure;

    private PredictionBenchmark(Duration warmUp, Duration measure) {
        this.warmUp = warmUp;
        this.measure = measure;
    }

    /** Arguments: [measured seconds per case] [warm-up seconds per case]; the service's data lives in a temporary directory. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path data = Files.createTempDirectory("predict-bench");
        try {
            new PredictionBenchmark(Duration.ofSeconds(warm), Duration.ofSeconds(seconds)).run(data);
        } finally {
            deleteRecursively(data);
        }
        System.exit(0); // the gRPC and HTTP clients' non-daemon threads
    }

    private void run(Path data) throws Exception {
        List<String> features = featureNames();
        SplittableRandom random = new SplittableRandom(20261126);
        List<double[]> rows = new ArrayList<>();
        boolean[] churned = new boolean[5000];
        for (int i = 0; i < churned.length; i++) {
            double[] row = churnLikeRow(random);
            rows.add(row);
            churned[i] = churnLogit(row) + random.nextDouble(-1.5, 1.5) > 0;
        }
        long trainStart = System.nanoTime();
        ClassifierTrainer.TrainedClassifier model = new TribuoClassifierTrainer()
                .train(features, rows, churned, Map.of("epochs", 5L), 1);
        System.out.printf(Locale.ROOT, "trained %s on %d rows of %d features in %.1f s; ONNX artifact %d bytes%n",
                model.algorithm(), rows.size(), FEATURE_COUNT, (System.nanoTime() - trainStart) / 1e9, model.onnx().length);

        List<double[]> pool = rows.subList(0, POOL);
        List<Map<String, Object>> instances = pool.stream().map(row -> instance(features, row)).toList();
        List<Result> results = new ArrayList<>();

        // 1. in-process baseline: the runtime alone, the instances already validated, as the service calls it
        ModelSignature signature = model.signature();
        try (OnnxModelRuntime runtime = new OnnxModelRuntime()) {
            UUID id = UUID.randomUUID();
            Supplier<byte[]> artifact = model::onnx;
            List<List<InputBatch>> single = instances.stream().map(i -> signature.validate(List.of(i), "/instances")).toList();
            List<InputBatch> batch = signature.validate(instances.subList(0, BATCH), "/instances");
            double served = ((Number) probabilities(runtime.predict(id, artifact, signature, single.get(0)).get(0))
                    .get("churned")).doubleValue();
            check(Math.abs(served - model.probability(pool.get(0))) < 1e-6, "ONNX Runtime disagrees with the trainer");
            results.add(closedLoop("ONNX in-process, 1 row (baseline)", 1, 1,
                    (client, n) -> runtime.predict(id, artifact, signature, single.get((int) (n % POOL)))));
            results.add(closedLoop("ONNX in-process, batch of 1000 (baseline)", 1, BATCH,
                    (client, n) -> check(runtime.predict(id, artifact, signature, batch).size() == BATCH, "batch size")));
        }

        try (ServiceProcess service = ServiceProcess.start(data.resolve("service"), Map.of("ANALYTICS_AUTH_MODE", "none"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            String versionId = register(http, service, model);
            HttpResponse<String> promoted = post(http, service.baseUrl() + "/predictions/models/" + versionId + "/stage",
                    "{\"stage\":\"production\",\"reason\":\"benchmark\"}");
            check(promoted.statusCode() == 200, "promotion failed: " + promoted.body());

            // 2. REST: the health endpoint with the same client, then predictions of single instances and batches
            URI health = URI.create(service.baseUrl() + "/health");
            URI predict = URI.create(service.baseUrl() + "/predictions/" + MODEL + "/predict");
            List<String> singleBodies = instances.stream().map(i -> Json.write(Map.of("instances", List.of(i)))).toList();
            String batchBody = Json.write(Map.of("instances", instances.subList(0, BATCH)));
            checkServed(http, predict, singleBodies.get(0), model.probability(pool.get(0)));
            ScoringTimer scoring = scoringTimer(http, service);
            for (int concurrency : new int[] {1, 8}) {
                results.add(closedLoop("REST GET /health (baseline)", concurrency, 1, (client, n) -> {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(health).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    check(r.statusCode() == 200, "health answered " + r.statusCode());
                }));
                results.add(closedLoop("REST predict, 1 instance", concurrency, 1,
                        (client, n) -> send(http, predict, singleBodies.get((int) (n % POOL))), scoring));
            }
            // a reference, not a baseline: one registry read (the query a prediction makes to resolve the model) over REST
            URI registryRead = URI.create(service.baseUrl() + "/predictions/models/" + versionId);
            results.add(closedLoop("REST GET /predictions/models/{id} (a registry read, reference)", 1, 1, (client, n) -> {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(registryRead).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                check(r.statusCode() == 200, "the registry read answered " + r.statusCode());
            }));
            results.add(closedLoop("REST predict, batch of 1000", 1, BATCH, (client, n) -> send(http, predict, batchBody),
                    scoring));

            // 3. gRPC: the health service on the same channel, then Predict and PredictStream
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort()).usePlaintext().build();
            try {
                HealthGrpc.HealthBlockingStub healthStub = HealthGrpc.newBlockingStub(channel);
                PredictionsServiceGrpc.PredictionsServiceBlockingStub stub = PredictionsServiceGrpc.newBlockingStub(channel);
                List<PredictRequest> singleRequests = pool.stream()
                        .map(row -> PredictRequest.newBuilder().setModel(MODEL).addInstances(grpcInstance(features, row)).build())
                        .toList();
                PredictRequest.Builder batchRequest = PredictRequest.newBuilder().setModel(MODEL);
                pool.subList(0, BATCH).forEach(row -> batchRequest.addInstances(grpcInstance(features, row)));
                PredictRequest batchOf1000 = batchRequest.build();
                double grpcServed = stub.predict(singleRequests.get(0)).getPredictions(0).getOutputsOrThrow("probabilities")
                        .getStructValue().getFieldsOrThrow("churned").getNumberValue();
                check(Math.abs(grpcServed - model.probability(pool.get(0))) < 1e-6, "gRPC serves another model");
                HealthCheckRequest healthCheck = HealthCheckRequest.getDefaultInstance();
                for (int concurrency : new int[] {1, 8}) {
                    results.add(closedLoop("gRPC Health/Check (baseline)", concurrency, 1, (client, n) -> check(
                            healthStub.withDeadlineAfter(10, TimeUnit.SECONDS).check(healthCheck).getStatus()
                                    == HealthCheckResponse.ServingStatus.SERVING, "gRPC health not SERVING")));
                    results.add(closedLoop("gRPC Predict, 1 instance", concurrency, 1, (client, n) -> check(
                            stub.withDeadlineAfter(10, TimeUnit.SECONDS).predict(singleRequests.get((int) (n % POOL)))
                                    .getPredictionsCount() == 1, "one prediction"), scoring));
                }
                results.add(closedLoop("gRPC Predict, batch of 1000", 1, BATCH, (client, n) -> check(
                        stub.withDeadlineAfter(60, TimeUnit.SECONDS).predict(batchOf1000).getPredictionsCount() == BATCH,
                        "1000 predictions"), scoring));
                predictStream(channel, singleRequests, warmUp, null); // warm-up, not counted
                results.add(predictStream(channel, singleRequests, measure, scoring));
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
        System.out.println();
        System.out.print(report(results));
    }

    /** The report: the figures of every case, then each against its baselines of this run. */
    private static String report(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("case|clients|calls/s|instances/s|p50 ms|p99 ms|p99.9 ms|mean ms|service-side scoring mean ms|load\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "%s|%d|%.0f|%.0f|%s|%s|%s|%s|%s|%s%n", r.name, r.clients, r.callsPerSecond(),
                    r.instancesPerSecond(), ms(r.percentile(0.50)), ms(r.percentile(0.99)), ms(r.percentile(0.999)),
                    ms(Math.round(r.meanNanos())),
                    Double.isNaN(r.serviceScoringMeanNanos) ? "–" : ms(Math.round(r.serviceScoringMeanNanos)), r.loadAverage));
        }
        out.append("(service-side scoring: the service's ml_prediction_duration_seconds over the measured window, validation and"
                + " ONNX Runtime; the rest of the mean is the registry lookup, JSON or protobuf, the transport and the client;"
                + " load: the machine's 1-minute load average as the case ended, other work on it included)\n");
        Result onnxSingle = find(results, "ONNX in-process, 1 row", 1);
        Result onnxBatch = find(results, "ONNX in-process, batch", 1);
        out.append("\nratios to this run's baselines (latency: how many times the baseline's; throughput: the share of it)\n");
        out.append("case|clients|p50 / transport baseline p50|p99 / transport baseline p99|calls/s / transport baseline"
                + "|p50 / ONNX in-process p50|p99 / ONNX in-process p99|instances/s / ONNX in-process batch\n");
        for (Result r : results) {
            if (r.name.contains("baseline") || r.name.contains("reference")) {
                continue;
            }
            Result transport = r.name.startsWith("REST") ? find(results, "REST GET /health", r.clients)
                    : r.name.startsWith("gRPC Predict, 1") ? find(results, "gRPC Health/Check", r.clients) : null;
            boolean single = r.instancesPerCall == 1 && !r.name.contains("Stream");
            out.append(String.format(Locale.ROOT, "%s|%d|%s|%s|%s|%s|%s|%s%n", r.name, r.clients,
                    transport != null && single ? ratio(r.percentile(0.50), transport.percentile(0.50)) : "–",
                    transport != null && single ? ratio(r.percentile(0.99), transport.percentile(0.99)) : "–",
                    transport != null && single ? ratio(r.callsPerSecond(), transport.callsPerSecond()) : "–",
                    single ? ratio(r.percentile(0.50), onnxSingle.percentile(0.50)) : "–",
                    single ? ratio(r.percentile(0.99), onnxSingle.percentile(0.99)) : "–",
                    ratio(r.instancesPerSecond(), onnxBatch.instancesPerSecond())));
        }
        return out.toString();
    }

    private static Result find(List<Result> results, String prefix, int clients) {
        return results.stream().filter(r -> r.name.startsWith(prefix) && r.clients == clients).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result " + prefix + " with " + clients + " clients"));
    }

    private static String ratio(double value, double baseline) {
        double r = value / baseline;
        return String.format(Locale.ROOT, r >= 10 ? "%.0f" : r >= 0.1 ? "%.2f" : "%.4f", r);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /** One unit of work of a client: its {@code n}-th call. */
    @FunctionalInterface
    private interface Call {
        void run(int client, long n) throws Exception;
    }

    /**
     * {@code clients} threads calling back to back, first for the warm-up (discarded), then for the measured window;
     * every call's latency is kept. A failing call ends the benchmark: a figure over failures would mislead.
     */
    private Result closedLoop(String name, int clients, int instancesPerCall, Call call) throws Exception {
        return closedLoop(name, clients, instancesPerCall, call, null);
    }

    /** As above; {@code scoring}, when given, reads the service's own prediction timer before and after the window. */
    private Result closedLoop(String name, int clients, int instancesPerCall, Call call, ScoringTimer scoring)
            throws Exception {
        System.out.printf(Locale.ROOT, "%s, %d client%s ...%n", name, clients, clients == 1 ? "" : "s");
        window(clients, call, warmUp);
        double[] before = scoring == null ? null : scoring.read();
        long start = System.nanoTime();
        List<long[]> latencies = window(clients, call, measure);
        double seconds = (System.nanoTime() - start) / 1e9;
        double serviceMean = Double.NaN;
        if (scoring != null) {
            double[] after = scoring.read();
            serviceMean = (after[0] - before[0]) / (after[1] - before[1]) * 1e9;
        }
        return new Result(name, clients, instancesPerCall, merge(latencies), seconds, serviceMean, loadAverage());
    }

    /** The service's {@code ml_prediction_duration_seconds} of the benchmark's model: {sum in seconds, count}. */
    @FunctionalInterface
    private interface ScoringTimer {
        double[] read() throws Exception;
    }

    /**
     * Reads the histogram from the management server's Prometheus text. The service times validation and the runtime's
     * call (PredictionService), not the registry lookup before it nor the transport around it.
     */
    private static ScoringTimer scoringTimer(HttpClient http, ServiceProcess service) {
        URI metrics = URI.create(service.managementUrl() + "/metrics");
        return () -> {
            String text = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            double[] sumAndCount = new double[2];
            for (String line : text.split("\n")) {
                if (!line.contains("model=\"" + MODEL + "\"")) {
                    continue;
                }
                if (line.startsWith("ml_prediction_duration_seconds_sum{")) {
                    sumAndCount[0] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("ml_prediction_duration_seconds_count{")) {
                    sumAndCount[1] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            check(sumAndCount[1] > 0, "no ml_prediction_duration_seconds for " + MODEL + " at " + metrics);
            return sumAndCount;
        };
    }

    private static List<long[]> window(int clients, Call call, Duration length) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long end = System.nanoTime() + length.toNanos();
            CountDownLatch ready = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    ready.await();
                    long[] latencies = new long[1024];
                    int count = 0;
                    // clients start at different points of the instance pool, so they do not send the same instance at once
                    long n = (long) client * (POOL / clients);
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        call.run(client, n++);
                        long t = System.nanoTime() - t0;
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = t;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            ready.countDown();
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                all.add(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] merge(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    /**
     * One PredictStream call sending single-instance requests for {@code length}, at most {@link #STREAM_WINDOW} of them
     * unanswered at a time (a caller scoring a continuous feed); latency from a request's send to its response.
     */
    private static Result predictStream(ManagedChannel channel, List<PredictRequest> requests, Duration length,
            ScoringTimer scoring) throws Exception {
        double[] before = scoring == null ? null : scoring.read();
        System.out.printf(Locale.ROOT, "gRPC PredictStream, 1 instance per message, %d in flight ...%n", STREAM_WINDOW);
        Semaphore window = new Semaphore(STREAM_WINDOW);
        java.util.concurrent.ConcurrentLinkedQueue<Long> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
        long[][] latencies = {new long[1 << 16]};
        AtomicLong answered = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<PredictRequest> requestStream = PredictionsServiceGrpc.newStub(channel).predictStream(
                new StreamObserver<>() {
                    @Override
                    public void onNext(PredictResponse response) {
                        // responses come in order on one call, one at a time
                        long t = System.nanoTime() - sent.remove();
                        int i = (int) answered.getAndIncrement();
                        if (i == latencies[0].length) {
                            latencies[0] = Arrays.copyOf(latencies[0], i * 2);
                        }
                        latencies[0][i] = t;
                        if (response.getPredictionsCount() != 1) {
                            failure.compareAndSet(null, new IllegalStateException("a response without its prediction"));
                        }
                        window.release();
                    }

                    @Override
                    public void onError(Throwable t) {
                        failure.compareAndSet(null, t);
                        window.release(STREAM_WINDOW);
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long n = 0;
        while (System.nanoTime() < end && failure.get() == null) {
            window.acquire();
            sent.add(System.nanoTime());
            requestStream.onNext(requests.get((int) (n++ % POOL)));
        }
        requestStream.onCompleted();
        check(done.await(60, TimeUnit.SECONDS), "PredictStream did not complete");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("PredictStream failed", failure.get());
        }
        long[] all = Arrays.copyOf(latencies[0], (int) answered.get());
        Arrays.sort(all);
        double serviceMean = Double.NaN;
        if (scoring != null) {
            double[] after = scoring.read();
            serviceMean = (after[0] - before[0]) / (after[1] - before[1]) * 1e9;
        }
        return new Result("gRPC PredictStream, 1 instance per message, " + STREAM_WINDOW + " in flight", 1, 1, all, seconds,
                serviceMean, loadAverage());
    }

    /** The measured calls of one case. */
    private record Result(String name, int clients, int instancesPerCall, long[] sortedLatencies, double seconds,
            double serviceScoringMeanNanos, String loadAverage) {
        double meanNanos() {
            return Arrays.stream(sortedLatencies).average().orElse(Double.NaN);
        }

        double callsPerSecond() {
            return sortedLatencies.length / seconds;
        }

        double instancesPerSecond() {
            return callsPerSecond() * instancesPerCall;
        }

        /** Nearest rank. */
        long percentile(double p) {
            int rank = (int) Math.ceil(p * sortedLatencies.length);
            return sortedLatencies[Math.max(0, Math.min(sortedLatencies.length - 1, rank - 1))];
        }
    }

    /** The churn model's 14 documented features and 6 more of the kind a platform would add. */
    private static List<String> featureNames() {
        List<String> names = new ArrayList<>(ChurnFeature.names());
        names.addAll(List.of("achievements_30", "wishlist_size", "reviews_90", "support_tickets_90",
                "avg_session_minutes_30", "days_since_purchase"));
        if (names.size() != FEATURE_COUNT) {
            throw new IllegalStateException("expected " + FEATURE_COUNT + " features, have " + names.size());
        }
        return names;
    }

    /** Values in the ranges the features take (counts, minutes, RUB), in {@link #featureNames()}'s order. */
    private static double[] churnLikeRow(SplittableRandom r) {
        double sessions30 = r.nextInt(0, 60);
        double sessions7 = Math.min(sessions30, r.nextInt(0, 20));
        double playtime30 = sessions30 * r.nextDouble(5, 90);
        double playtime7 = Math.min(playtime30, sessions7 * r.nextDouble(5, 90));
        return new double[] {
            r.nextInt(1, 31), r.nextInt(1, 1500), r.nextInt(0, 8), r.nextInt(1, 31), sessions7, sessions30,
            round(playtime7), round(playtime30), round(playtime7 - r.nextDouble(0, 600)), r.nextInt(0, 6),
            round(r.nextDouble(-500, 5000)), r.nextInt(0, 3), r.nextInt(0, 80), r.nextInt(0, 300),
            r.nextInt(0, 40), r.nextInt(0, 60), r.nextInt(0, 5), r.nextInt(0, 3),
            sessions30 == 0 ? 0 : round(playtime30 / sessions30), r.nextInt(0, 365)};
    }

    private static double round(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** The planted rule: recent, frequent, growing players stay; the rest of the features are mostly noise. */
    private static double churnLogit(double[] row) {
        return 0.12 * row[0] - 0.4 * row[2] - 0.03 * row[5] - 0.004 * row[8] + 0.5 * row[11] - 0.01 * row[12]
                + 0.3 * row[17] + 0.002 * row[19] - 0.5;
    }

    private static Map<String, Object> instance(List<String> features, double[] row) {
        Map<String, Object> instance = new LinkedHashMap<>();
        for (int f = 0; f < features.size(); f++) {
            instance.put(features.get(f), BigDecimal.valueOf(row[f]));
        }
        return instance;
    }

    private static Instance grpcInstance(List<String> features, double[] row) {
        Instance.Builder instance = Instance.newBuilder();
        for (int f = 0; f < features.size(); f++) {
            instance.putFeatures(features.get(f), com.google.protobuf.Value.newBuilder().setNumberValue(row[f]).build());
        }
        return instance.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> probabilities(Map<String, Object> prediction) {
        return (Map<String, Object>) prediction.get("probabilities");
    }

    /** The REST answer for one instance is the trainer's own probability: the benchmark measures the right model. */
    @SuppressWarnings("unchecked")
    private static void checkServed(HttpClient http, URI predict, String body, double expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(predict).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode() == 200, "predict answered " + r.statusCode() + ": " + r.body());
        Map<String, Object> data = (Map<String, Object>) Json.parseObject(r.body()).get("data");
        List<Map<String, Object>> predictions = (List<Map<String, Object>>) data.get("predictions");
        double churn = ((Number) probabilities(predictions.get(0)).get("churned")).doubleValue();
        check(Math.abs(churn - expected) < 1e-6, "REST serves " + churn + ", the trainer says " + expected);
    }

    private static void send(HttpClient http, URI predict, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(predict).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode() == 200, "predict answered " + r.statusCode() + ": " + r.body());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Multipart registration (the ONNX file and its metadata), as PredictionsIT registers; the version's id. */
    @SuppressWarnings("unchecked")
    private static String register(HttpClient http, ServiceProcess service, ClassifierTrainer.TrainedClassifier model)
            throws Exception {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", MODEL);
        metadata.put("version", "1");
        metadata.put("algorithm", model.algorithm());
        metadata.put("signature", Map.of("inputs", model.signature().inputsJson(), "outputs", model.signature().outputsJson()));
        String boundary = "----predict-bench-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n"
                + Json.write(metadata) + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"artifact\"; filename=\"model.onnx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(model.onnx());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/predictions/models"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode() == 201, "registration answered " + r.statusCode() + ": " + r.body());
        return (String) ((Map<String, Object>) Json.parseObject(r.body()).get("data")).get("id");
    }

    /** The 1-minute load average (Linux), to tell a case measured on a busy machine; "?" elsewhere. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
