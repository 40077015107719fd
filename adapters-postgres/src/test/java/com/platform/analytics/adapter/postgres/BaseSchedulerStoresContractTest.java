package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunFilter;
import com.platform.analytics.domain.schedule.PipelineRunKey;
import com.platform.analytics.domain.schedule.PipelineRunStatus;
import com.platform.analytics.port.out.JobLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's stores (pipeline runs, fire-time claims) on a freshly migrated database, whoever runs the
 * PostgreSQL server: the embedded one and the machine's PostgreSQL 15 each run this contract.
 */
abstract class BaseSchedulerStoresContractTest {
    private static final Instant T0 = Instant.parse("2026-03-10T03:00:00.123456Z");

    protected abstract DataSource dataSource();

    private JooqPipelineRunStore runs() {
        return new JooqPipelineRunStore(dataSource());
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE data_pipeline_runs, scheduled_job_fires");
        }
    }

    @Test
    void aRunIsStartedThenFinishedOnceAndReadsBackWhole() {
        JooqPipelineRunStore store = runs();
        Map<String, Object> parameters = Map.of("fireTime", "2026-03-10T03:00:00Z", "trigger", "schedule", "n", 3L);
        UUID id = store.start("segment_refresh", T0, parameters);

        PipelineRun running = store.find(id).orElseThrow();
        assertThat(running.status()).isEqualTo(PipelineRunStatus.RUNNING);
        assertThat(running.startedAt()).isEqualTo(T0);
        assertThat(running.finishedAt()).isNull();
        assertThat(running.processedRecords()).isNull();
        assertThat(running.parameters()).isEqualTo(parameters);

        assertThat(store.finish(id, PipelineRunStatus.SUCCEEDED, T0.plusSeconds(5), 42, null)).isTrue();
        assertThat(store.finish(id, PipelineRunStatus.FAILED, T0.plusSeconds(6), 0, "late")).as("finished once").isFalse();
        assertThat(store.finish(UUID.randomUUID(), PipelineRunStatus.FAILED, T0, 0, "x")).isFalse();
        PipelineRun done = store.find(id).orElseThrow();
        assertThat(done).isEqualTo(new PipelineRun(id, "segment_refresh", PipelineRunStatus.SUCCEEDED, T0, T0.plusSeconds(5), 42L,
                parameters, null));
        assertThat(count("SELECT count(*) FROM data_pipeline_runs WHERE status = 'completed'")).as("the spec's status name").isEqualTo(1);
    }

    @Test
    void aFailureKeepsItsSummaryCutToTheLimit() {
        JooqPipelineRunStore store = runs();
        UUID id = store.start("mart_freshness", T0, Map.of());
        String error = "WAREHOUSE_UNAVAILABLE: ' OR 1=1 -- \"quoted\" ünïcødé " + "x".repeat(3000);
        store.finish(id, PipelineRunStatus.FAILED, T0.plusSeconds(1), 2, error);

        PipelineRun failed = store.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(PipelineRunStatus.FAILED);
        assertThat(failed.processedRecords()).isEqualTo(2L);
        assertThat(failed.errorSummary()).hasSize(PipelineRun.MAX_ERROR_SUMMARY).startsWith("WAREHOUSE_UNAVAILABLE: ' OR 1=1 -- \"quoted\" ünïcødé");
        assertThatThrownBy(() -> store.finish(id, PipelineRunStatus.RUNNING, T0, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsFilterAndPageNewestFirstAsThePlainJavaOrderSays() {
        JooqPipelineRunStore store = runs();
        Random random = new Random(6);
        List<String> names = List.of("segment_refresh", "mart_freshness", "alert_evaluation");
        PipelineRunStatus[] ends = {PipelineRunStatus.SUCCEEDED, PipelineRunStatus.FAILED, PipelineRunStatus.SKIPPED, PipelineRunStatus.RUNNING};
        for (int i = 0; i < 60; i++) {
            // several runs in the same microsecond: the id decides their order
            Instant at = T0.plusSeconds(random.nextInt(20) * 60L);
            UUID id = store.start(names.get(random.nextInt(names.size())), at, Map.of("i", (long) i));
            PipelineRunStatus end = ends[random.nextInt(ends.length)];
            if (end != PipelineRunStatus.RUNNING) {
                store.finish(id, end, at.plusSeconds(1), i, end == PipelineRunStatus.SUCCEEDED ? null : "e" + i);
            }
        }
        List<PipelineRun> all = store.list(PipelineRunFilter.ALL, Optional.empty(), 500);
        assertThat(all).hasSize(60);
        List<PipelineRun> sorted = new ArrayList<>(all);
        sorted.sort(PipelineRunKey.NEWEST_FIRST);
        assertThat(all).containsExactlyElementsOf(sorted);

        List<PipelineRunFilter> filters = List.of(PipelineRunFilter.ALL,
                new PipelineRunFilter(Optional.of("mart_freshness"), Optional.empty(), Optional.empty(), Optional.empty()),
                new PipelineRunFilter(Optional.empty(), Optional.of(PipelineRunStatus.FAILED), Optional.of(T0.plusSeconds(300)), Optional.empty()),
                new PipelineRunFilter(Optional.of("segment_refresh"), Optional.of(PipelineRunStatus.SUCCEEDED),
                        Optional.of(T0.plusSeconds(120)), Optional.of(T0.plusSeconds(900))),
                new PipelineRunFilter(Optional.of("nope' OR '1'='1"), Optional.empty(), Optional.empty(), Optional.empty()));
        for (PipelineRunFilter filter : filters) {
            List<PipelineRun> expected = all.stream().filter(filter::accepts).toList();
            List<PipelineRun> paged = new ArrayList<>();
            Optional<PipelineRunKey> after = Optional.empty();
            for (int page = 0; page < 100; page++) {
                List<PipelineRun> got = store.list(filter, after, 7);
                paged.addAll(got);
                if (got.size() < 7) {
                    break;
                }
                after = Optional.of(PipelineRunKey.of(got.get(got.size() - 1)));
            }
            assertThat(paged).as(filter.toString()).containsExactlyElementsOf(expected);
        }
        assertThat(all.stream().map(PipelineRun::startedAt).max(Comparator.naturalOrder())).contains(all.get(0).startedAt());
    }

    @Test
    void aFireTimeIsClaimedOnceAndTheLatestClaimIsKnown() {
        JooqJobLock a = new JooqJobLock(dataSource(), "host-a");
        JooqJobLock b = new JooqJobLock(dataSource(), "host-b");
        Instant fire = Instant.parse("2026-03-10T03:00:00Z");

        assertThat(a.lastClaimedFire("daily")).isEmpty();
        assertThat(a.tryLock("daily", fire)).contains(new JobLock.Lease("daily", fire, "host-a"));
        assertThat(b.tryLock("daily", fire)).isEmpty();
        assertThat(a.tryLock("daily", fire)).as("also not again for the winner").isEmpty();
        assertThat(b.tryLock("other", fire)).isPresent();
        assertThat(b.tryLock("daily", fire.plusSeconds(86400))).isPresent();
        assertThat(a.lastClaimedFire("daily")).contains(fire.plusSeconds(86400));
        assertThat(count("SELECT count(*) FROM scheduled_job_fires WHERE claimed_by = 'host-b'")).isEqualTo(2);
    }

    @Test
    void schedulersRacingOnSeparateConnectionsGetEachFireTimeExactlyOnce() throws Exception {
        int racers = 4;
        int fires = 25;
        Map<Instant, List<String>> winners = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        try {
            CyclicBarrier start = new CyclicBarrier(racers);
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < racers; r++) {
                JooqJobLock lock = new JooqJobLock(dataSource(), "instance-" + r);
                String owner = "instance-" + r;
                done.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int f = 0; f < fires; f++) {
                        Instant fire = Instant.parse("2026-03-10T00:00:00Z").plusSeconds(60L * f);
                        lock.tryLock("race", fire).ifPresent(l -> winners.computeIfAbsent(fire, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(owner));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(winners).hasSize(fires);
        assertThat(winners.values()).allSatisfy(w -> assertThat(w).hasSize(1));
        assertThat(count("SELECT count(*) FROM scheduled_job_fires WHERE job_name = 'race'")).isEqualTo(fires);
    }

    @Test
    void aStoreThatCannotBeReachedFailsAsStorageUnavailable() {
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/none");
        nowhere.setConnectTimeout(2);
        assertThatThrownBy(() -> new JooqJobLock(nowhere, "x").tryLock("daily", T0))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
        assertThatThrownBy(() -> new JooqPipelineRunStore(nowhere).list(PipelineRunFilter.ALL, Optional.empty(), 1))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
    }

    @Test
    void runsNobodyBeatsOnAreFailedAsAbandonedOthersAreLeftAlone() {
        JooqPipelineRunStore store = runs();
        UUID alive = store.start("segment_refresh", T0, Map.of());
        UUID dead = store.start("mart_rebuild", T0, Map.of());
        UUID finished = store.start("mart_freshness", T0, Map.of());
        store.finish(finished, PipelineRunStatus.SUCCEEDED, T0.plusSeconds(1), 1, null);
        store.heartbeat(List.of(alive, finished), T0.plusSeconds(200));
        store.heartbeat(List.of(), T0.plusSeconds(200));

        assertThat(store.failAbandoned(T0.plusSeconds(120), T0.plusSeconds(240), "abandoned: its instance stopped")).isEqualTo(1);
        assertThat(store.find(dead).orElseThrow()).satisfies(r -> {
            assertThat(r.status()).isEqualTo(PipelineRunStatus.FAILED);
            assertThat(r.finishedAt()).isEqualTo(T0.plusSeconds(240));
            assertThat(r.errorSummary()).isEqualTo("abandoned: its instance stopped");
        });
        assertThat(store.find(alive).orElseThrow().status()).isEqualTo(PipelineRunStatus.RUNNING);
        assertThat(store.find(finished).orElseThrow().status()).isEqualTo(PipelineRunStatus.SUCCEEDED);
        assertThat(store.failAbandoned(T0.plusSeconds(120), T0.plusSeconds(250), "again")).isZero();
        // the live run's instance may still finish it
        assertThat(store.finish(alive, PipelineRunStatus.SUCCEEDED, T0.plusSeconds(300), 5, null)).isTrue();
    }

    @Test
    void oldClaimsAreForgottenButEachJobsLatestStays() {
        JooqJobLock lock = new JooqJobLock(dataSource(), "host-a");
        Instant old = T0.minus(java.time.Duration.ofDays(40));
        assertThat(lock.tryLock("daily", old)).isPresent();
        assertThat(lock.tryLock("daily", old.plus(java.time.Duration.ofDays(1)))).isPresent();
        assertThat(lock.tryLock("daily", T0)).isPresent();
        assertThat(lock.tryLock("rare", old)).isPresent();

        assertThat(lock.forgetClaimsBefore(T0.minus(java.time.Duration.ofDays(30)))).isEqualTo(2);
        assertThat(lock.lastClaimedFire("rare")).contains(old);
        assertThat(lock.lastClaimedFire("daily")).contains(T0);
        assertThat(count("SELECT count(*) FROM scheduled_job_fires")).isEqualTo(2);
        assertThat(lock.forgetClaimsBefore(T0.plusSeconds(1))).as("the latest of each stays").isZero();
    }

    private long count(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
