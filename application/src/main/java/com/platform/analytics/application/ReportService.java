package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.report.MetricReportConfig;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ReportColumn;
import com.platform.analytics.domain.report.ReportDefinition;
import com.platform.analytics.domain.report.ReportInstance;
import com.platform.analytics.domain.report.ReportRowWriter;
import com.platform.analytics.domain.report.ReportSourceType;
import com.platform.analytics.domain.report.ReportStatus;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.in.ReportsUseCase;
import com.platform.analytics.port.out.ObjectStore;
import com.platform.analytics.port.out.ReportDefinitionStore;
import com.platform.analytics.port.out.ReportInstanceStore;
import com.platform.analytics.port.out.ReportQueryEngine;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reports: a request is checked (definition, format, parameters against the declaration and the caller's scope),
 * stored as {@code requested} and queued for a bounded pool of workers; a full queue refuses it with
 * {@code SERVICE_BUSY}. A worker takes it to {@code generating}, writes the rows chunk by chunk to a temporary file
 * (so memory holds one chunk, whatever the report's length), uploads the file to
 * {@code reports/report_instance_id=<id>/<name>.<ext>} and records {@code completed} or {@code failed} with the
 * {@code report.generated} event in the same transaction.
 * <p>
 * After a crash: the instance that queued a report beats on it ({@link Liveness}) until it ends; {@link #recoverAbandoned()}
 * (at start and every minute, by any instance of the service) marks failed what is still {@code requested} or
 * {@code generating} without a beat for {@link Liveness#deadAfter}, announcing it. So with several instances, a
 * restarting one leaves the others' reports alone, and nothing stays {@code generating} for ever. The client requests
 * it again (a report is not retried behind its back, as its data may have changed meanwhile).
 */
public final class ReportService implements ReportsUseCase, AutoCloseable {
    static final String INTERRUPTED = "interrupted: the service instance generating it stopped before it finished";
    private static final System.Logger LOG = System.getLogger(ReportService.class.getName());
    private static final int MAX_ERROR_MESSAGE = 2000;
    private static final String API_PATH = "/api/v1/analytics/reports/instances/";

    private final ReportDefinitionStore definitions;
    private final ReportInstanceStore instances;
    private final ReportQueryEngine engine;
    private final MetricQueriesUseCase metrics;
    private final ObjectStore objects;
    private final AccessPolicy policy;
    private final ReportSettings settings;
    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final Liveness liveness;
    /** The instances this process has queued or is generating: it beats on them. */
    private final Set<UUID> owned = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService beats;

    /** A service with {@link Liveness#defaults} for a single, unnamed instance (tests). */
    public ReportService(ReportDefinitionStore definitions, ReportInstanceStore instances, ReportQueryEngine engine,
            MetricQueriesUseCase metrics, ObjectStore objects, AccessPolicy policy, ReportSettings settings, Clock clock) {
        this(definitions, instances, engine, metrics, objects, policy, settings, clock, Liveness.defaults("local"));
    }

    @Inject
    public ReportService(ReportDefinitionStore definitions, ReportInstanceStore instances, ReportQueryEngine engine,
            MetricQueriesUseCase metrics, ObjectStore objects, AccessPolicy policy, ReportSettings settings, Clock clock,
            Liveness liveness) {
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.instances = requireNonNull(instances, "instances is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()), r -> {
                    Thread t = new Thread(r, "report-worker-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.liveness = requireNonNull(liveness, "liveness is null");
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "report-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = liveness.beatEvery().toMillis();
        beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Tells the store that this instance's unfinished reports are alive. */
    void beat() {
        if (owned.isEmpty()) {
            return;
        }
        try {
            instances.heartbeat(Set.copyOf(owned), liveness.instanceId(), clock.instant());
        } catch (RuntimeException e) {
            // a few missed beats are within Liveness.deadAfter; the next one tries again
            LOG.log(System.Logger.Level.WARNING, "could not record that this instance's reports are alive", e);
        }
    }

    @Override
    public List<ReportDefinition> definitions(Principal caller) {
        DataScope scope = policy.scopeOf(caller);
        return definitions.findAll().stream().filter(d -> d.visibleTo(scope)).toList();
    }

    @Override
    public ReportInstance request(Principal caller, String definitionRef, Map<String, Object> parameters, String format) {
        requireNonNull(caller, "caller is null");
        return requestFor(caller.subject(), policy.scopeOf(caller), definitionRef, parameters, format);
    }

    /**
     * A request on behalf of {@code subject} in {@code scope}: what {@link #request} does once the caller is known, and
     * what a report schedule does with its owner's.
     */
    public ReportInstance requestFor(String subject, DataScope scope, String definitionRef, Map<String, Object> parameters,
            String format) {
        requireNonNull(subject, "subject is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(definitionRef, "definitionRef is null");
        ReportDefinition definition = resolve(definitionRef);
        OutputFormat outputFormat = outputFormat(definition, format);
        Map<String, String> bound = definition.bind(parameters == null ? Map.of() : parameters, scope);
        Instant now = clock.instant();
        ReportInstance instance = ReportInstance.requested(UUID.randomUUID(), definition, bound, outputFormat, now,
                subject, scope.developerId(), now.plus(settings.retention()));
        instances.create(instance);
        owned.add(instance.id());
        try {
            workers.execute(() -> {
                try {
                    generate(instance, definition);
                } finally {
                    owned.remove(instance.id());
                }
            });
        } catch (RejectedExecutionException e) {
            owned.remove(instance.id());
            instances.markCancelled(instance.id(), clock.instant(), "the report queue was full");
            throw new AnalyticsException(ErrorCode.SERVICE_BUSY, "the report queue is full (" + settings.queueCapacity()
                    + " waiting); request again later", null, null, e);
        }
        return instance;
    }

    @Override
    public ReportInstance instance(Principal caller, UUID id) {
        DataScope scope = policy.scopeOf(caller);
        return instances.find(id)
                // another developer's instance is as unknown as a missing one: its existence is theirs
                .filter(i -> scope.unrestricted() || i.developerId().equals(scope.developerId()))
                .orElseThrow(() -> new AnalyticsException(ErrorCode.REPORT_INSTANCE_NOT_FOUND, "no report instance " + id));
    }

    @Override
    public ReportFile download(Principal caller, UUID id) {
        ReportInstance instance = instance(caller, id);
        switch (instance.status()) {
            case REQUESTED, GENERATING -> throw new AnalyticsException(ErrorCode.REPORT_NOT_READY, "report instance "
                    + id + " is " + instance.status().wireName() + ": its file is not ready yet");
            case FAILED, CANCELLED -> throw new AnalyticsException(ErrorCode.REPORT_GENERATION_FAILED, "report instance "
                    + id + " is " + instance.status().wireName() + ": " + instance.errorMessage());
            default -> {
            }
        }
        if (instance.filePath() == null) {
            throw new AnalyticsException(ErrorCode.REPORT_INSTANCE_NOT_FOUND, "the file of report instance " + id
                    + " expired at " + instance.expiresAt() + " and was removed");
        }
        InputStream content = objects.open(instance.filePath()).orElseThrow(() -> new AnalyticsException(
                ErrorCode.REPORT_INSTANCE_NOT_FOUND, "the file of report instance " + id + " is gone (expired)"));
        return new ReportFile(instance.fileName(), instance.format().contentType(),
                instance.fileSizeBytes() == null ? -1 : instance.fileSizeBytes(), content);
    }

    /**
     * Removes the files of completed instances past their {@code expires_at} (up to {@code limit} per call) and
     * records it; the instances stay, their download then answers that the file expired. Returns how many went.
     */
    public int removeExpired(Instant now, int limit) {
        int removed = 0;
        for (ReportInstance i : instances.expiredFiles(now, limit)) {
            objects.delete(i.filePath());
            if (instances.forgetFile(i.id())) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Marks failed, announcing it, every instance still {@code requested} or {@code generating} that no live instance
     * of the service beats on any more (not this one's own): at start and every minute.
     *
     * @return the instances so marked
     */
    public int recoverAbandoned() {
        Instant now = clock.instant();
        int recovered = 0;
        for (ReportInstance i : instances.abandoned(now.minus(liveness.deadAfter()))) {
            if (owned.contains(i.id())) {
                continue;
            }
            if (instances.markFailed(i.id(), now, INTERRUPTED, announcement(i, ReportStatus.FAILED, now, INTERRUPTED))) {
                recovered++;
            }
        }
        if (recovered > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0} report instance(s) abandoned by a stopped service instance marked failed",
                    recovered);
        }
        return recovered;
    }

    /** Stops the workers; reports being generated are left to {@link #recoverAbandoned()} of a live instance. */
    @Override
    public void close() {
        beats.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The definition, checked to be one this service generates.
     *
     * @throws AnalyticsException {@code REPORT_DEFINITION_NOT_FOUND}; {@code INVALID_REQUEST_BODY} for a definition
     *     of an external API
     */
    ReportDefinition resolve(String ref) {
        ReportDefinition definition = find(ref);
        if (definition.sourceType() == ReportSourceType.API_EXTERNAL) {
            throw AnalyticsException.invalidBody("/definition", "report " + definition.name()
                    + " comes from an external API, which this service cannot generate");
        }
        return definition;
    }

    /** The requested format ({@code null}: the definition's first), one the definition is written in. */
    static OutputFormat outputFormat(ReportDefinition definition, String format) {
        return format == null ? definition.outputFormats().get(0)
                : OutputFormat.fromWire(format).filter(definition.outputFormats()::contains).orElseThrow(() ->
                        AnalyticsException.invalidBody("/format", "report " + definition.name() + " is written as "
                                + definition.outputFormats().stream().map(OutputFormat::wireName).toList() + ", not " + format));
    }

    private ReportDefinition find(String ref) {
        Optional<ReportDefinition> found;
        try {
            found = definitions.find(UUID.fromString(ref));
        } catch (IllegalArgumentException notAnId) {
            found = definitions.findByName(ref);
        }
        return found.orElseThrow(() -> new AnalyticsException(ErrorCode.REPORT_DEFINITION_NOT_FOUND,
                "no report definition '" + ref + "'", null, "/definition", null));
    }

    void generate(ReportInstance instance, ReportDefinition definition) {
        if (!instances.markGenerating(instance.id(), clock.instant())) {
            return;
        }
        Path file = null;
        try {
            file = Files.createTempFile("report-" + instance.id(), "." + instance.format().extension());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024);
                    ReportRowWriter writer = instance.format().writer(out)) {
                writeRows(instance, definition, writer);
            }
            long size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                objects.put(instance.objectKey(), in, size);
            }
            Instant done = clock.instant();
            instances.markCompleted(instance.id(), done, instance.objectKey(), size,
                    announcement(instance, ReportStatus.COMPLETED, done, null));
        } catch (Exception | OutOfMemoryError e) {
            String message = message(e);
            LOG.log(System.Logger.Level.WARNING, "report instance " + instance.id() + " failed: " + message, e);
            Instant done = clock.instant();
            try {
                instances.markFailed(instance.id(), done, message, announcement(instance, ReportStatus.FAILED, done, message));
            } catch (RuntimeException recordFailed) {
                // the metadata store is down as well: the restart's recovery marks it failed
                LOG.log(System.Logger.Level.ERROR, "could not record the failure of report instance " + instance.id(), recordFailed);
            }
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not delete " + file, e);
                }
            }
        }
    }

    private void writeRows(ReportInstance instance, ReportDefinition definition, ReportRowWriter writer) throws IOException {
        switch (definition.sourceType()) {
            case SQL_QUERY_CLICKHOUSE -> engine.run(definition.source(), instance.parameters(), settings.limits(),
                    new ReportQueryEngine.RowSink() {
                        @Override
                        public void columns(List<ReportColumn> columns) throws IOException {
                            writer.header(columns);
                        }

                        @Override
                        public void chunk(List<List<String>> rows) throws IOException {
                            for (List<String> row : rows) {
                                writer.row(row);
                            }
                        }
                    });
            case PRE_AGGREGATED_METRICS -> writeMetric(instance, MetricReportConfig.parse(definition.source()), writer);
            default -> throw new IllegalStateException("cannot generate a " + definition.sourceType().wireName() + " report");
        }
    }

    /** One row per (bucket, dimension values): {@code bucket, <dimensions...>, value}. */
    private void writeMetric(ReportInstance instance, MetricReportConfig config, ReportRowWriter writer) throws IOException {
        String from = instance.parameters().get("from");
        String to = instance.parameters().get("to");
        if (from == null || to == null) {
            throw new IllegalStateException("a metric report needs the parameters from and to");
        }
        MetricValuesQuery query = MetricValuesQuery.parse(config.metric(), from, to, config.granularity(), "UTC",
                config.dimensions().isEmpty() ? null : String.join(",", config.dimensions()), List.of());
        DataScope scope = instance.developerId().map(DataScope::developer).orElse(DataScope.ALL_GAMES);
        MetricValues values = metrics.values(query, scope);
        List<ReportColumn> columns = new ArrayList<>();
        columns.add(new ReportColumn("bucket", "Date"));
        config.dimensions().forEach(d -> columns.add(new ReportColumn(d, "String")));
        columns.add(new ReportColumn(config.metric(), "Decimal"));
        writer.header(columns);
        for (MetricSeries series : values.series()) {
            for (MetricSeries.Point point : series.points()) {
                List<String> row = new ArrayList<>(columns.size());
                row.add(point.bucket().toString());
                config.dimensions().forEach(d -> row.add(series.dimensions().get(d)));
                row.add(point.value() == null ? null : point.value().toPlainString());
                writer.row(row);
            }
        }
    }

    /** The {@code report.generated} event (spec 5.1), with the error of a failed report. */
    static OutgoingEvent announcement(ReportInstance instance, ReportStatus status, Instant at, String error) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reportInstanceId", instance.id().toString());
        data.put("reportDefinitionId", instance.definitionId().toString());
        data.put("reportDefinitionName", instance.definitionName());
        data.put("status", status.wireName());
        if (status == ReportStatus.COMPLETED) {
            data.put("downloadUrl", API_PATH + instance.id() + "/download");
            data.put("filePath", instance.objectKey());
        }
        if (error != null) {
            data.put("errorMessage", error);
        }
        data.put("generationCompletedAt", at.toString());
        data.put("requestedByUserId", instance.requestedBy());
        return OutgoingEvent.of(OutgoingEvent.REPORT_GENERATED, instance.id().toString(), at, data);
    }

    private static String message(Throwable e) {
        String m = e instanceof AnalyticsException a ? a.code() + ": " + a.detail()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return m.length() <= MAX_ERROR_MESSAGE ? m : m.substring(0, MAX_ERROR_MESSAGE) + "...";
    }
}
