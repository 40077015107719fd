package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ParameterType;
import com.platform.analytics.domain.report.ReportDefinition;
import com.platform.analytics.domain.report.ReportInstance;
import com.platform.analytics.domain.report.ReportParameter;
import com.platform.analytics.domain.report.ReportSourceType;
import com.platform.analytics.domain.report.ReportStatus;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.in.ReportsUseCase;
import com.platform.analytics.port.out.ReportDefinitionStore;
import com.platform.analytics.port.out.ReportQueryEngine;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The report service with fakes: states, events, failures, parameters, developer scope, the queue, a restart. */
class ReportServiceTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Principal ADMIN = new Principal("admin-1", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty());
    private static final Principal DEV1 = new Principal("dev-user-1", Set.of(Role.DEVELOPER), Set.of(), Optional.of("dev-1"));
    private static final Principal DEV2 = new Principal("dev-user-2", Set.of(Role.DEVELOPER), Set.of(), Optional.of("dev-2"));

    private static final ReportDefinition SALES = new ReportDefinition(UUID.randomUUID(), "monthly_sales_summary", "Продажи",
            null, null, null, ReportSourceType.SQL_QUERY_CLICKHOUSE,
            "SELECT * FROM analytics.events WHERE developer_id = {developer_id:String} AND toStartOfMonth(ts) = {month:Date}",
            List.of(new ReportParameter("developer_id", ParameterType.STRING, true, null, null),
                    new ReportParameter("month", ParameterType.DATE, true, null, null)),
            List.of(OutputFormat.CSV, OutputFormat.JSON), true, T0, T0);
    private static final ReportDefinition ACTIVITY = new ReportDefinition(UUID.randomUUID(), "activity", "Активность",
            null, null, null, ReportSourceType.SQL_QUERY_CLICKHOUSE, "SELECT 1", List.of(), List.of(OutputFormat.CSV),
            false, T0, T0);
    private static final ReportDefinition DIGEST = new ReportDefinition(UUID.randomUUID(), "daily_kpi_digest", "KPI",
            null, null, null, ReportSourceType.PRE_AGGREGATED_METRICS,
            "{\"metric\":\"dau\",\"dimensions\":[\"platform\"],\"granularity\":\"day\"}",
            List.of(new ReportParameter("from", ParameterType.DATE, true, null, null),
                    new ReportParameter("to", ParameterType.DATE, true, null, null)),
            List.of(OutputFormat.CSV), true, T0, T0);

    private final InMemoryReportInstances instances = new InMemoryReportInstances();
    private final ScriptedReportEngine engine = new ScriptedReportEngine();
    private final FlakyObjectStore objects = new FlakyObjectStore();
    private final RecordingMetricQueries metrics = new RecordingMetricQueries();
    private final List<ReportService> services = new ArrayList<>();

    private ReportService service(int workers, int queue) {
        ReportDefinitionStore definitions = new ListedReportDefinitions(ACTIVITY, DIGEST, SALES);
        ReportService s = new ReportService(definitions, instances, engine, metrics, objects, new AccessPolicy(),
                new ReportSettings(workers, queue, new ReportQueryEngine.Limits(1000, Duration.ofSeconds(5), 2),
                        Duration.ofDays(7)), Clock.fixed(T0, ZoneOffset.UTC));
        services.add(s);
        return s;
    }

    @AfterEach
    void stop() {
        CountDownLatch gate = engine.gate;
        if (gate != null) {
            gate.countDown();
        }
        services.forEach(ReportService::close);
    }

    private ReportInstance awaitEnd(ReportService s, Principal caller, UUID id) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            ReportInstance r = s.instance(caller, id);
            if (r.status().terminal()) {
                return r;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("report " + id + " never ended: " + s.instance(caller, id));
    }

    private static String read(ReportsUseCase.ReportFile file) throws IOException {
        try (InputStream in = file.content()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aReportIsGeneratedWrittenAndAnnounced() throws Exception {
        ReportService s = service(2, 4);
        ReportInstance requested = s.request(ADMIN, "monthly_sales_summary", Map.of("developer_id", "dev-9", "month", "2026-02-14"), null);
        assertThat(requested.status()).isEqualTo(ReportStatus.REQUESTED);
        assertThat(requested.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));

        ReportInstance done = awaitEnd(s, ADMIN, requested.id());
        assertThat(done.status()).isEqualTo(ReportStatus.COMPLETED);
        assertThat(done.startedAt()).isEqualTo(T0);
        assertThat(done.filePath()).isEqualTo("reports/report_instance_id=" + requested.id() + "/monthly_sales_summary.csv");
        String csv = "n,label\r\n0,row 0\r\n1,\"row 1, with \"\"quotes\"\"\"\r\n2,row 2\r\n3,row 3\r\n4,row 4\r\n";
        assertThat(done.fileSizeBytes()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
        assertThat(engine.parameters).containsExactly(Map.of("developer_id", "dev-9", "month", "2026-02-14"));
        assertThat(engine.chunkSizes).containsExactly(2, 2, 1);

        ReportsUseCase.ReportFile file = s.download(ADMIN, requested.id());
        assertThat(file.fileName()).isEqualTo("monthly_sales_summary.csv");
        assertThat(file.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(read(file)).isEqualTo(csv);

        assertThat(instances.events()).hasSize(1);
        OutgoingEvent event = instances.events().get(0);
        assertThat(event.type()).isEqualTo(OutgoingEvent.REPORT_GENERATED);
        assertThat(event.subject()).isEqualTo(requested.id().toString());
        assertThat(event.data()).containsEntry("status", "completed").containsEntry("reportDefinitionName", "monthly_sales_summary")
                .containsEntry("downloadUrl", "/api/v1/analytics/reports/instances/" + requested.id() + "/download")
                .containsEntry("requestedByUserId", "admin-1").doesNotContainKey("errorMessage");
    }

    @Test
    void filesPastTheirExpiryAreRemovedByTheJobAndTheirDownloadSaysSo() throws Exception {
        ReportService s = service(1, 4);
        ReportInstance r = s.request(ADMIN, "monthly_sales_summary", Map.of("developer_id", "dev-9", "month", "2026-02-14"), null);
        ReportInstance done = awaitEnd(s, ADMIN, r.id());
        ReportExpiryJob job = new ReportExpiryJob(s);

        assertThat(job.run(done.expiresAt().minusSeconds(1))).as("not yet expired").isZero();
        assertThat(objects.list("reports/")).containsExactly(done.filePath());
        assertThat(job.run(done.expiresAt())).isEqualTo(1);
        assertThat(objects.list("reports/")).isEmpty();
        assertThat(job.run(done.expiresAt().plusSeconds(3600))).as("removed once").isZero();
        assertThat(s.instance(ADMIN, r.id()).status()).as("the instance stays").isEqualTo(ReportStatus.COMPLETED);
        assertThatThrownBy(() -> s.download(ADMIN, r.id())).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.REPORT_INSTANCE_NOT_FOUND);
            assertThat(e.getMessage()).contains("expired");
        });
    }

    @Test
    void jsonLinesAreWrittenWhenAsked() throws Exception {
        ReportService s = service(1, 4);
        ReportInstance r = s.request(ADMIN, SALES.id().toString(), Map.of("developer_id", "d", "month", "2026-02-01"), "json");
        awaitEnd(s, ADMIN, r.id());
        assertThat(read(s.download(ADMIN, r.id()))).startsWith("{\"n\":0,\"label\":\"row 0\"}\n{\"n\":1,");
        assertThat(s.instance(ADMIN, r.id()).filePath()).endsWith("/monthly_sales_summary.jsonl");
    }

    @Test
    void anEngineFailingMidReportFailsItWithTheMessageAndAnnouncesIt() throws Exception {
        engine.failAfterChunks = 1;
        ReportService s = service(1, 4);
        ReportInstance r = s.request(ADMIN, "monthly_sales_summary", Map.of("developer_id", "d", "month", "2026-02-01"), null);
        ReportInstance failed = awaitEnd(s, ADMIN, r.id());
        assertThat(failed.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(failed.errorMessage()).isEqualTo("STORAGE_UNAVAILABLE: ClickHouse failed: Code: 210. Connection reset");
        assertThat(failed.filePath()).isNull();
        assertThat(objects.list("reports/")).isEmpty();
        assertThat(instances.events()).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("status", "failed").containsEntry("errorMessage", failed.errorMessage()).doesNotContainKey("downloadUrl"));
        assertThatThrownBy(() -> s.download(ADMIN, r.id())).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REPORT_GENERATION_FAILED));
    }

    @Test
    void anObjectStoreThatIsDownFailsTheReport() throws Exception {
        objects.down(true);
        ReportService s = service(1, 4);
        ReportInstance r = s.request(ADMIN, "monthly_sales_summary", Map.of("developer_id", "d", "month", "2026-02-01"), null);
        ReportInstance failed = awaitEnd(s, ADMIN, r.id());
        assertThat(failed.status()).isEqualTo(ReportStatus.FAILED);
        assertThat(failed.errorMessage()).isEqualTo("STORAGE_UNAVAILABLE: the bucket is down");
        assertThat(objects.refused()).isEqualTo(1);
        assertThat(instances.events()).singleElement().satisfies(e -> assertThat(e.data()).containsEntry("status", "failed"));
    }

    @Test
    void badRequestsAreRefusedBeforeAnInstanceExists() {
        ReportService s = service(1, 4);
        assertThatThrownBy(() -> s.request(ADMIN, "monthly_sales_summary", Map.of("developer_id", "d", "month", "Feb"), null))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
                    assertThat(e.pointer()).contains("/parameters/month");
                });
        assertThatThrownBy(() -> s.request(ADMIN, "monthly_sales_summary", Map.of("developer_id", "d", "month", "2026-02-01"), "pdf"))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.pointer()).contains("/format"));
        assertThatThrownBy(() -> s.request(ADMIN, "no_such_report", Map.of(), null))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REPORT_DEFINITION_NOT_FOUND));
        assertThat(instances.findByStatus(ReportStatus.REQUESTED)).isEmpty();
        assertThat(instances.findByStatus(ReportStatus.GENERATING)).isEmpty();
        assertThatThrownBy(() -> s.instance(ADMIN, UUID.randomUUID())).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REPORT_INSTANCE_NOT_FOUND));
    }

    @Test
    void aDeveloperRunsOpenReportsOnTheirOwnDataAndSeesOnlyTheirInstances() throws Exception {
        ReportService s = service(1, 4);
        assertThat(s.definitions(DEV1)).extracting(ReportDefinition::name).containsExactly("daily_kpi_digest", "monthly_sales_summary");
        assertThat(s.definitions(ADMIN)).hasSize(3);

        ReportInstance mine = s.request(DEV1, "monthly_sales_summary", Map.of("month", "2026-02-01"), null);
        awaitEnd(s, DEV1, mine.id());
        assertThat(engine.parameters).containsExactly(Map.of("developer_id", "dev-1", "month", "2026-02-01"));
        assertThat(mine.developerId()).contains("dev-1");

        assertThatThrownBy(() -> s.request(DEV1, "monthly_sales_summary", Map.of("month", "2026-02-01", "developer_id", "dev-2"), null))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE));
        assertThatThrownBy(() -> s.request(DEV1, "activity", Map.of(), null)).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE));
        assertThatThrownBy(() -> s.instance(DEV2, mine.id())).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REPORT_INSTANCE_NOT_FOUND));
        assertThatThrownBy(() -> s.download(DEV2, mine.id())).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REPORT_INSTANCE_NOT_FOUND));
        assertThat(s.instance(ADMIN, mine.id()).status()).isEqualTo(ReportStatus.COMPLETED);
    }

    @Test
    void aMetricReportReadsTheMetricInTheCallersScope() throws Exception {
        ReportService s = service(1, 4);
        ReportInstance r = s.request(DEV1, "daily_kpi_digest", Map.of("from", "2026-02-01", "to", "2026-02-02"), null);
        awaitEnd(s, DEV1, r.id());
        assertThat(metrics.scopes).containsExactly(DataScope.developer("dev-1"));
        assertThat(metrics.queries.get(0).metricName()).isEqualTo("dau");
        assertThat(read(s.download(DEV1, r.id()))).isEqualTo("bucket,platform,dau\r\n2026-02-01,pc,10\r\n2026-02-02,pc,12.5\r\n");
    }

    @Test
    void aFullQueueRefusesTheRequestAndCancelsItsInstance() throws Exception {
        engine.gate = new CountDownLatch(1);
        ReportService s = service(1, 1);
        Map<String, Object> params = Map.of("developer_id", "d", "month", "2026-02-01");
        ReportInstance running = s.request(ADMIN, "monthly_sales_summary", params, null);
        for (int i = 0; i < 200 && s.instance(ADMIN, running.id()).status() != ReportStatus.GENERATING; i++) {
            Thread.sleep(10);
        }
        ReportInstance queued = s.request(ADMIN, "monthly_sales_summary", params, null);
        assertThat(s.instance(ADMIN, running.id()).status()).isEqualTo(ReportStatus.GENERATING);
        assertThatThrownBy(() -> s.download(ADMIN, running.id())).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REPORT_NOT_READY));

        assertThatThrownBy(() -> s.request(ADMIN, "monthly_sales_summary", params, null))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_BUSY));
        assertThat(instances.findByStatus(ReportStatus.CANCELLED)).singleElement()
                .satisfies(c -> assertThat(c.errorMessage()).isEqualTo("the report queue was full"));

        engine.gate.countDown();
        assertThat(awaitEnd(s, ADMIN, running.id()).status()).isEqualTo(ReportStatus.COMPLETED);
        assertThat(awaitEnd(s, ADMIN, queued.id()).status()).isEqualTo(ReportStatus.COMPLETED);
    }

    @Test
    void whatAStoppedInstanceLeftUnfinishedIsFailedAndAnnouncedButALiveInstancesWorkIsLeftAlone() {
        // the service's clock stands at T0; deadAfter is 2 minutes
        Instant stale = T0.minus(Duration.ofMinutes(3));
        ReportInstance generating = ReportInstance.requested(UUID.randomUUID(), SALES, Map.of(), OutputFormat.CSV, stale, "a",
                Optional.empty(), T0);
        ReportInstance requested = ReportInstance.requested(UUID.randomUUID(), SALES, Map.of(), OutputFormat.CSV, stale, "a",
                Optional.empty(), T0);
        ReportInstance othersLive = ReportInstance.requested(UUID.randomUUID(), SALES, Map.of(), OutputFormat.CSV, stale, "b",
                Optional.empty(), T0);
        ReportInstance justRequested = ReportInstance.requested(UUID.randomUUID(), SALES, Map.of(), OutputFormat.CSV,
                T0.minusSeconds(30), "c", Optional.empty(), T0);
        instances.create(generating);
        instances.create(requested);
        instances.create(othersLive);
        instances.create(justRequested);
        instances.markGenerating(generating.id(), stale);
        instances.markGenerating(othersLive.id(), stale);
        // another instance beat on its report a minute ago: alive
        instances.heartbeat(List.of(othersLive.id()), "other-host-42", T0.minus(Duration.ofMinutes(1)));

        ReportService s = service(1, 4);
        assertThat(s.recoverAbandoned()).isEqualTo(2);
        assertThat(instances.find(generating.id()).orElseThrow().status()).isEqualTo(ReportStatus.FAILED);
        assertThat(instances.find(requested.id()).orElseThrow().errorMessage())
                .isEqualTo("interrupted: the service instance generating it stopped before it finished");
        assertThat(instances.find(othersLive.id()).orElseThrow().status()).isEqualTo(ReportStatus.GENERATING);
        assertThat(instances.find(justRequested.id()).orElseThrow().status()).isEqualTo(ReportStatus.REQUESTED);
        assertThat(instances.events()).extracting(e -> e.data().get("status")).containsExactly("failed", "failed");
        assertThat(instances.events()).extracting(e -> e.subject())
                .containsExactly(generating.id().toString(), requested.id().toString());
        assertThat(s.recoverAbandoned()).isZero();
    }

    @Test
    void anInstanceBeatsOnTheReportsItQueuedAndNeverRecoversItsOwn() throws Exception {
        engine.gate = new CountDownLatch(1);
        ReportService s = service(1, 4);
        Map<String, Object> params = Map.of("developer_id", "dev-1", "month", "2026-02-01");
        ReportInstance running = s.request(ADMIN, "monthly_sales_summary", params, null);
        ReportInstance queued = s.request(ADMIN, "monthly_sales_summary", params, null);
        // as if the beats had stopped long ago: only a stopped instance's work may be taken, and this one is alive
        instances.beats.replaceAll((id, at) -> T0.minus(Duration.ofHours(1)));
        assertThat(s.recoverAbandoned()).isZero();

        s.beat();
        assertThat(instances.beats).containsEntry(running.id(), T0).containsEntry(queued.id(), T0);
        assertThat(instances.owners).containsEntry(running.id(), "local").containsEntry(queued.id(), "local");

        engine.gate.countDown();
        assertThat(awaitEnd(s, ADMIN, running.id()).status()).isEqualTo(ReportStatus.COMPLETED);
        assertThat(awaitEnd(s, ADMIN, queued.id()).status()).isEqualTo(ReportStatus.COMPLETED);
        instances.beats.clear();
        s.beat(); // nothing unfinished: no beat
        assertThat(instances.beats).isEmpty();
    }

    /** Metric values of one series, recording the scope of every call. */
    static final class RecordingMetricQueries implements MetricQueriesUseCase {
        final List<DataScope> scopes = new CopyOnWriteArrayList<>();
        final List<MetricValuesQuery> queries = new CopyOnWriteArrayList<>();

        @Override
        public List<MetricDefinition> definitions() {
            return List.of();
        }

        @Override
        public MetricDefinition definition(String name) {
            throw new AnalyticsException(ErrorCode.METRIC_DEFINITION_NOT_FOUND, name);
        }

        @Override
        public MetricValues values(MetricValuesQuery query, DataScope scope) {
            scopes.add(scope);
            queries.add(query);
            return new MetricValues(query, "users", List.of(new MetricSeries(Map.of("platform", "pc"), List.of(
                    new MetricSeries.Point(LocalDate.parse("2026-02-01"), new BigDecimal("10")),
                    new MetricSeries.Point(LocalDate.parse("2026-02-02"), new BigDecimal("12.5"))))));
        }
    }
}
