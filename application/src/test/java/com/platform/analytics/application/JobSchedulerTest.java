package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.domain.schedule.MissedRunPolicy;
import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler driven round by round with a clock the test moves, over in-memory runs and claims. */
class JobSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-03-10T02:58:00Z");

    private final SegmentServiceTest.MovableClock clock = new SegmentServiceTest.MovableClock(T0);
    private final InMemoryPipelineRuns runs = new InMemoryPipelineRuns();
    private final InMemoryJobLock claims = new InMemoryJobLock("instance-a");
    private final List<JobScheduler> started = new CopyOnWriteArrayList<>();

    /** A job that records its fire times and answers what the test tells it to. */
    static final class RecordingJob implements ScheduledJob {
        final Job job;
        final List<Instant> fires = new CopyOnWriteArrayList<>();
        volatile Exception failure;
        volatile CountDownLatch gate;
        volatile long processed = 7;

        RecordingJob(String name, String cron, MissedRunPolicy policy) {
            this.job = new Job(name, CronSchedule.parse(cron), policy);
        }

        @Override
        public Job job() {
            return job;
        }

        @Override
        public long run(Instant fireTime) throws Exception {
            fires.add(fireTime);
            if (gate != null) {
                gate.await();
            }
            if (failure != null) {
                throw failure;
            }
            return processed;
        }
    }

    private JobScheduler scheduler(List<? extends ScheduledJob> jobs, InMemoryJobLock lock, Duration shutdownWait) {
        JobScheduler s = new JobScheduler(jobs, runs, lock, clock, new SchedulerConfig(2, shutdownWait, Duration.ofMillis(20), lock == claims ? "a" : "b"));
        started.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        started.forEach(JobScheduler::close);
    }

    private static void idle(JobScheduler s) throws InterruptedException {
        assertThat(s.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void firesAtEachFireTimeAndRecordsTheRun() throws Exception {
        RecordingJob daily = new RecordingJob("daily", "0 3 * * *", MissedRunPolicy.DEFAULT);
        JobScheduler s = scheduler(List.of(daily), claims, Duration.ofSeconds(5));

        assertThat(s.runDue()).isEmpty(); // first round: the missed-run look (never claimed: nothing missed)
        assertThat(s.nextFireTimes()).containsEntry("daily", Instant.parse("2026-03-10T03:00:00Z"));
        clock.advance(Duration.ofSeconds(119));
        assertThat(s.runDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(s.runDue()).containsEntry("daily", Instant.parse("2026-03-10T03:00:00Z"));
        idle(s);
        assertThat(s.runDue()).isEmpty();
        clock.advance(Duration.ofDays(1));
        s.runDue();
        idle(s);

        assertThat(daily.fires).containsExactly(Instant.parse("2026-03-10T03:00:00Z"), Instant.parse("2026-03-11T03:00:00Z"));
        List<PipelineRun> recorded = runs.of("daily");
        assertThat(recorded).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            assertThat(r.processedRecords()).isEqualTo(7L);
            assertThat(r.errorSummary()).isNull();
            assertThat(r.finishedAt()).isNotNull();
            assertThat(r.parameters()).containsEntry("trigger", "schedule").containsEntry("instance", "a");
        });
        assertThat(recorded.get(0).parameters()).containsEntry("fireTime", "2026-03-10T03:00:00Z");
    }

    @Test
    void aLateRoundRunsOnceForTheLatestFireTimeThatPassed() throws Exception {
        RecordingJob quarter = new RecordingJob("quarter", "*/15 * * * *", MissedRunPolicy.DEFAULT);
        JobScheduler s = scheduler(List.of(quarter), claims, Duration.ofSeconds(5));
        s.runDue();
        clock.advance(Duration.ofMinutes(50)); // 03:48: 03:00, 03:15, 03:30, 03:45 passed
        s.runDue();
        idle(s);
        assertThat(quarter.fires).containsExactly(Instant.parse("2026-03-10T03:45:00Z"));
        assertThat(s.nextFireTimes()).containsEntry("quarter", Instant.parse("2026-03-10T04:00:00Z"));
    }

    @Test
    void aFailingJobIsRecordedFailedWithItsErrorAndWhatItProcessed() throws Exception {
        RecordingJob failing = new RecordingJob("failing", "* * * * *", MissedRunPolicy.DEFAULT);
        RecordingJob partial = new RecordingJob("partial", "* * * * *", MissedRunPolicy.DEFAULT);
        failing.failure = new IllegalStateException("warehouse said no");
        partial.failure = new JobRunFailure("refresh failed for 1 segment(s): whales", 4, new IllegalStateException("x"));
        JobScheduler s = scheduler(List.of(failing, partial), claims, Duration.ofSeconds(5));
        s.runDue();
        clock.advance(Duration.ofMinutes(1));
        s.runDue();
        idle(s);

        PipelineRun failed = runs.of("failing").get(0);
        assertThat(failed.status()).isEqualTo(PipelineRunStatus.FAILED);
        assertThat(failed.processedRecords()).isZero();
        assertThat(failed.errorSummary()).isEqualTo("IllegalStateException: warehouse said no");
        PipelineRun partly = runs.of("partial").get(0);
        assertThat(partly.status()).isEqualTo(PipelineRunStatus.FAILED);
        assertThat(partly.processedRecords()).isEqualTo(4L);
        assertThat(partly.errorSummary()).startsWith("JobRunFailure: refresh failed for 1 segment(s): whales; caused by IllegalStateException: x");

        failing.failure = null;
        clock.advance(Duration.ofMinutes(1));
        s.runDue();
        idle(s);
        assertThat(runs.of("failing")).extracting(PipelineRun::status).containsExactly(PipelineRunStatus.FAILED, PipelineRunStatus.SUCCEEDED);
    }

    @Test
    void afterDowntimeTheDefaultPolicyRunsOnceForTheLatestMissedFire() throws Exception {
        claims.tryLock("daily", Instant.parse("2026-03-05T03:00:00Z")); // the last run before the downtime
        claims.tryLock("skipper", Instant.parse("2026-03-05T03:00:00Z"));
        RecordingJob daily = new RecordingJob("daily", "0 3 * * *", MissedRunPolicy.RUN_ONCE_ON_STARTUP_IF_MISSED);
        RecordingJob skipper = new RecordingJob("skipper", "0 3 * * *", MissedRunPolicy.SKIP_MISSED);
        RecordingJob fresh = new RecordingJob("fresh", "0 3 * * *", MissedRunPolicy.RUN_ONCE_ON_STARTUP_IF_MISSED);
        JobScheduler s = scheduler(List.of(daily, skipper, fresh), claims, Duration.ofSeconds(5));

        assertThat(s.runDue()).containsOnlyKeys("daily"); // 2026-03-10T02:58: 03-06..03-09 03:00 were missed
        idle(s);
        assertThat(daily.fires).containsExactly(Instant.parse("2026-03-09T03:00:00Z"));
        assertThat(runs.of("daily").get(0).parameters()).containsEntry("trigger", "missed_on_startup");
        assertThat(skipper.fires).isEmpty();
        assertThat(fresh.fires).as("never claimed before: nothing missed").isEmpty();
        assertThat(s.nextFireTimes()).containsEntry("skipper", Instant.parse("2026-03-10T03:00:00Z"));

        // a second instance starting a moment later finds nothing missed any more
        JobScheduler other = scheduler(List.of(new RecordingJob("daily", "0 3 * * *", MissedRunPolicy.DEFAULT)), claims.as("b"), Duration.ofSeconds(5));
        assertThat(other.runDue()).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        s.runDue();
        idle(s);
        assertThat(daily.fires).hasSize(2);
        assertThat(skipper.fires).containsExactly(Instant.parse("2026-03-10T03:00:00Z"));
    }

    @Test
    void nothingMissedWhenTheLastClaimIsTheLatestFireTime() {
        claims.tryLock("daily", Instant.parse("2026-03-09T03:00:00Z"));
        RecordingJob daily = new RecordingJob("daily", "0 3 * * *", MissedRunPolicy.DEFAULT);
        assertThat(scheduler(List.of(daily), claims, Duration.ofSeconds(5)).runDue()).isEmpty();
    }

    @Test
    void twoSchedulersRacingForTheSameFireTimeRunItOnce() throws Exception {
        AtomicInteger executions = new AtomicInteger();
        for (int round = 0; round < 20; round++) {
            RecordingJob a = new RecordingJob("race", "* * * * *", MissedRunPolicy.DEFAULT);
            RecordingJob b = new RecordingJob("race", "* * * * *", MissedRunPolicy.DEFAULT);
            JobScheduler first = scheduler(List.of(a), claims, Duration.ofSeconds(5));
            JobScheduler second = scheduler(List.of(b), claims.as("b"), Duration.ofSeconds(5));
            first.runDue();
            second.runDue();
            clock.advance(Duration.ofMinutes(1));
            CyclicBarrier together = new CyclicBarrier(2);
            Thread t1 = new Thread(() -> awaitThen(together, first::runDue));
            Thread t2 = new Thread(() -> awaitThen(together, second::runDue));
            t1.start();
            t2.start();
            t1.join();
            t2.join();
            idle(first);
            idle(second);
            assertThat(a.fires.size() + b.fires.size()).as("round " + round).isEqualTo(1);
            executions.addAndGet(a.fires.size() + b.fires.size());
        }
        assertThat(runs.of("race")).hasSize(executions.get()).allSatisfy(r -> assertThat(r.status()).isEqualTo(PipelineRunStatus.SUCCEEDED));
    }

    private static void awaitThen(CyclicBarrier barrier, Runnable work) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        work.run();
    }

    @Test
    void aFireTimeWhileThePreviousRunIsGoingIsRecordedSkipped() throws Exception {
        RecordingJob slow = new RecordingJob("slow", "* * * * *", MissedRunPolicy.DEFAULT);
        slow.gate = new CountDownLatch(1);
        JobScheduler s = scheduler(List.of(slow), claims, Duration.ofSeconds(5));
        s.runDue();
        clock.advance(Duration.ofMinutes(1));
        s.runDue();
        clock.advance(Duration.ofMinutes(1));
        s.runDue();
        slow.gate.countDown();
        idle(s);
        assertThat(slow.fires).hasSize(1);
        assertThat(runs.of("slow")).extracting(PipelineRun::status)
                .containsExactlyInAnyOrder(PipelineRunStatus.SUCCEEDED, PipelineRunStatus.SKIPPED);
        assertThat(runs.of("slow")).filteredOn(r -> r.status() == PipelineRunStatus.SKIPPED).singleElement()
                .satisfies(r -> assertThat(r.errorSummary()).contains("still in progress"));
    }

    @Test
    void aDownStoreDelaysTheRunAndLosesNothing() throws Exception {
        RecordingJob daily = new RecordingJob("daily", "0 3 * * *", MissedRunPolicy.DEFAULT);
        JobScheduler s = scheduler(List.of(daily), claims, Duration.ofSeconds(5));
        claims.down = true;
        assertThat(s.runDue()).isEmpty(); // the missed-run look fails: tried again
        assertThat(s.nextFireTimes()).isEmpty();
        claims.down = false;
        s.runDue();
        clock.advance(Duration.ofMinutes(2));
        claims.down = true;
        assertThat(s.runDue()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        claims.down = false;
        assertThat(s.runDue()).containsEntry("daily", Instant.parse("2026-03-10T03:00:00Z"));
        idle(s);
        assertThat(daily.fires).containsExactly(Instant.parse("2026-03-10T03:00:00Z"));
    }

    @Test
    void closeLetsARunningJobFinishWithinTheWait() throws Exception {
        RecordingJob job = new RecordingJob("finishing", "* * * * *", MissedRunPolicy.DEFAULT);
        job.gate = new CountDownLatch(1);
        JobScheduler s = scheduler(List.of(job), claims, Duration.ofSeconds(10));
        s.runDue();
        clock.advance(Duration.ofMinutes(1));
        s.runDue();
        new Thread(() -> {
            sleep(200);
            job.gate.countDown();
        }).start();
        s.close();
        assertThat(runs.of("finishing")).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(PipelineRunStatus.SUCCEEDED));
    }

    @Test
    void closeInterruptsARunThatOutlastsTheWaitAndRecordsItFailed() throws Exception {
        RecordingJob job = new RecordingJob("stuck", "* * * * *", MissedRunPolicy.DEFAULT);
        job.gate = new CountDownLatch(1); // never opened
        JobScheduler s = scheduler(List.of(job), claims, Duration.ofMillis(200));
        s.runDue();
        clock.advance(Duration.ofMinutes(1));
        s.runDue();
        long began = System.nanoTime();
        s.close();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        assertThat(runs.of("stuck")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(PipelineRunStatus.FAILED);
            assertThat(r.errorSummary()).contains("interrupted");
        });
        assertThat(s.runDue()).isEmpty();
    }

    @Test
    void theSchedulingThreadRunsOnItsOwnAndStops() throws Exception {
        RecordingJob job = new RecordingJob("threaded", "* * * * *", MissedRunPolicy.DEFAULT);
        claims.tryLock("threaded", T0.minus(Duration.ofMinutes(5)));
        JobScheduler s = scheduler(List.of(job), claims, Duration.ofSeconds(5));
        s.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runs.of("threaded").stream().noneMatch(r -> r.status().finished()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        s.close();
        assertThat(job.fires).containsExactly(T0);
        assertThat(runs.of("threaded")).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(PipelineRunStatus.SUCCEEDED));
    }

    @Test
    void describeNamesTheCauses() {
        assertThat(JobScheduler.describe(new IllegalStateException("a", new RuntimeException("b"))))
                .isEqualTo("IllegalStateException: a; caused by RuntimeException: b");
        assertThat(Map.of()).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void beatsOnItsRunningRunsSoOnlyAStoppedInstancesRunsAreFailedAsAbandoned() throws Exception {
        RecordingJob slow = new RecordingJob("slow", "* * * * *", MissedRunPolicy.DEFAULT);
        slow.gate = new CountDownLatch(1);
        JobScheduler s = scheduler(List.of(slow), claims, Duration.ofSeconds(5));
        s.runDue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.runDue()).containsKey("slow");
        for (int i = 0; i < 500 && runs.of("slow").isEmpty(); i++) {
            Thread.sleep(10);
        }
        PipelineRun mine = runs.of("slow").get(0);
        // a run another instance started and stopped beating on (it crashed)
        java.util.UUID orphan = runs.start("slow", T0.minus(Duration.ofMinutes(10)), Map.of("instance", "dead-host"));

        clock.advance(Duration.ofMinutes(5)); // long past deadAfter for both, had nobody beaten
        s.beat();
        assertThat(runs.beats).containsEntry(mine.id(), clock.instant());
        Liveness liveness = Liveness.defaults("a");
        assertThat(runs.failAbandoned(clock.instant().minus(liveness.deadAfter()), clock.instant(), "abandoned")).isEqualTo(1);
        assertThat(runs.find(orphan).orElseThrow().status()).isEqualTo(PipelineRunStatus.FAILED);
        assertThat(runs.find(mine.id()).orElseThrow().status()).isEqualTo(PipelineRunStatus.RUNNING);

        slow.gate.countDown();
        idle(s);
        assertThat(runs.find(mine.id()).orElseThrow().status()).isEqualTo(PipelineRunStatus.SUCCEEDED);
        Instant last = runs.beats.get(mine.id());
        clock.advance(Duration.ofMinutes(1));
        s.beat(); // nothing running: no beat
        assertThat(runs.beats.get(mine.id())).isEqualTo(last);
    }
}
