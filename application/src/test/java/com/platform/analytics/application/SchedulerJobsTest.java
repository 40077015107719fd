package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.privacy.PseudonymizationKey;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunStatus;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.port.out.MartFreshness;
import com.platform.analytics.port.out.OperationalMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The segment refresh and mart freshness jobs, alone and under the scheduler. */
class SchedulerJobsTest {
    private final SegmentServiceTest.MovableClock clock = new SegmentServiceTest.MovableClock(Instant.parse("2026-03-01T03:00:00Z"));
    private final InMemorySegments.Store store = new InMemorySegments.Store();
    private final InMemorySegments.Engine engine = new InMemorySegments.Engine();
    private final SegmentService segments = new SegmentService(store, engine, new Pseudonymizer(
            new PseudonymizationKey("k1", "scheduler-jobs-test-secret-0123456789".getBytes(StandardCharsets.US_ASCII))), clock);

    @Test
    void theSegmentJobRefreshesWhatIsDueAndWaitsAfterAFailureAsTheOldLoopDid() {
        SegmentDefinition daily = segments.create(SegmentServiceTest.dynamic("daily", "0 4 * * *"));
        segments.create(SegmentServiceTest.dynamic("on_demand", null));
        segments.create(SegmentDraft.fromJson(Json.parse("{\"name\":\"beta\",\"type\":\"static\"}")));
        SegmentRefreshJob job = new SegmentRefreshJob(segments, clock);
        assertThat(job.job().name()).isEqualTo("segment_refresh");

        assertThat(job.run(clock.instant())).isZero();
        clock.advance(Duration.ofMinutes(60));
        assertThat(job.run(clock.instant())).isEqualTo(1);
        assertThat(job.run(clock.instant())).isZero();
        clock.advance(Duration.ofDays(1));
        engine.failure = new IllegalStateException("boom");
        assertThatThrownBy(() -> job.run(clock.instant())).isInstanceOfSatisfying(JobRunFailure.class, e -> {
            assertThat(e.processedRecords()).isZero();
            assertThat(e.getMessage()).contains("daily");
        });
        engine.failure = null;
        clock.advance(Duration.ofHours(1));
        assertThat(job.run(clock.instant())).as("after a failure: the next scheduled time").isZero();
        // a restarted instance (a new job) also waits: the failure is recorded with the segment
        assertThat(new SegmentRefreshJob(segments, clock).run(clock.instant())).isZero();
        clock.advance(Duration.ofHours(23));
        assertThat(job.run(clock.instant())).isEqualTo(1);
        assertThat(segments.definition(daily.id()).lastCalculatedAt()).isEqualTo(clock.instant());
    }

    /** Freshness answers the test sets; one mart can fail. */
    static final class FakeFreshness implements MartFreshness {
        final Map<String, Optional<Instant>> answers = new LinkedHashMap<>();
        String failing;

        @Override
        public Set<String> marts() {
            return answers.keySet();
        }

        @Override
        public Optional<Instant> lastUpdate(String mart) {
            if (mart.equals(failing)) {
                throw new IllegalStateException("warehouse down");
            }
            return answers.get(mart);
        }
    }

    static final class RecordingMetrics implements OperationalMetrics {
        final Map<String, Instant> marts = new LinkedHashMap<>();

        @Override
        public synchronized void martUpdated(String martName, Instant at) {
            marts.put(martName, at);
        }
    }

    @Test
    void theFreshnessJobExportsEachMartsLatestUpdateUnderTheScheduler() throws Exception {
        FakeFreshness freshness = new FakeFreshness();
        Instant latest = Instant.parse("2026-03-01T02:59:58.123Z");
        freshness.answers.put("daily_user_activity", Optional.of(latest));
        freshness.answers.put("empty_mart", Optional.empty());
        RecordingMetrics metrics = new RecordingMetrics();
        InMemoryPipelineRuns runs = new InMemoryPipelineRuns();
        try (JobScheduler scheduler = new JobScheduler(List.of(new MartFreshnessJob(freshness, metrics)), runs,
                new InMemoryJobLock("a"), clock, SchedulerConfig.defaults("a"))) {
            scheduler.runDue();
            clock.advance(Duration.ofMinutes(5));
            assertThat(scheduler.runDue()).containsEntry("mart_freshness", Instant.parse("2026-03-01T03:05:00Z"));
            assertThat(scheduler.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(metrics.marts).containsExactly(Map.entry("daily_user_activity", latest));
            assertThat(runs.of("mart_freshness")).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(PipelineRunStatus.SUCCEEDED);
                assertThat(r.processedRecords()).isEqualTo(1L);
            });

            freshness.failing = "empty_mart";
            clock.advance(Duration.ofMinutes(5));
            scheduler.runDue();
            assertThat(scheduler.awaitIdle(Duration.ofSeconds(10))).isTrue();
            PipelineRun failed = runs.of("mart_freshness").stream().filter(r -> r.status() == PipelineRunStatus.FAILED).findFirst().orElseThrow();
            assertThat(failed.errorSummary()).contains("empty_mart", "warehouse down");
            assertThat(failed.processedRecords()).isEqualTo(1L);
        }
    }

    @Test
    void pipelineRunsAreListedThroughTheUseCaseWithinItsLimits() {
        InMemoryPipelineRuns runs = new InMemoryPipelineRuns();
        runs.start("a", Instant.parse("2026-03-01T00:00:00Z"), Map.of());
        PipelineRunsService service = new PipelineRunsService(runs);
        assertThat(service.runs(com.platform.analytics.domain.schedule.PipelineRunFilter.ALL, Optional.empty(), 500)).hasSize(1);
        assertThatThrownBy(() -> service.runs(com.platform.analytics.domain.schedule.PipelineRunFilter.ALL, Optional.empty(), 501))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRecoveryJobFailsRunsNobodyBeatsOnAndTheCleanupKeepsEachJobsLatestClaim() throws Exception {
        InMemoryPipelineRuns runs = new InMemoryPipelineRuns();
        Instant now = clock.instant();
        java.util.UUID abandoned = runs.start("mart_rebuild", now.minus(Duration.ofMinutes(30)), Map.of());
        java.util.UUID alive = runs.start("segment_refresh", now.minus(Duration.ofMinutes(30)), Map.of());
        runs.heartbeat(List.of(alive), now.minusSeconds(20));
        ReportService reports = new ReportService(new ListedReportDefinitions(), new InMemoryReportInstances(),
                new ScriptedReportEngine(), new SeriesMetricQueries(), new InMemoryObjectStore(),
                new com.platform.analytics.domain.access.AccessPolicy(), ReportSettings.DEFAULTS, clock);
        try {
            AbandonedWorkRecoveryJob recovery = new AbandonedWorkRecoveryJob(reports, runs, Liveness.defaults("a"), clock);
            assertThat(recovery.job().schedule().next(now)).contains(now.plusSeconds(60));
            assertThat(recovery.run(now)).isEqualTo(1);
            assertThat(runs.find(abandoned).orElseThrow().status()).isEqualTo(PipelineRunStatus.FAILED);
            assertThat(runs.find(abandoned).orElseThrow().errorSummary())
                    .isEqualTo("abandoned: the service instance running it stopped before it finished");
            assertThat(runs.find(alive).orElseThrow().status()).isEqualTo(PipelineRunStatus.RUNNING);
            assertThat(recovery.run(now)).isZero();
        } finally {
            reports.close();
        }

        InMemoryJobLock lock = new InMemoryJobLock("a");
        Instant old = now.minus(Duration.ofDays(40));
        lock.tryLock("daily", old);
        lock.tryLock("daily", old.plus(Duration.ofDays(1)));
        lock.tryLock("daily", now.minus(Duration.ofDays(1)));
        lock.tryLock("rare", old); // a job that has not fired for 40 days keeps its latest claim
        assertThat(new SchedulerClaimsCleanupJob(lock).run(now)).isEqualTo(2);
        assertThat(lock.lastClaimedFire("rare")).contains(old);
        assertThat(lock.lastClaimedFire("daily")).contains(now.minus(Duration.ofDays(1)));
        assertThat(lock.claims).hasSize(2);
    }
}
