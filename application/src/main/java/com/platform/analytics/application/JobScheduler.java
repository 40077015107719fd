package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.domain.schedule.MissedRunPolicy;
import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunStatus;
import com.platform.analytics.port.out.JobLock;
import com.platform.analytics.port.out.PipelineRunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the registered {@link ScheduledJob}s on their cron schedules, once per fire time across every instance of
 * the service, and records each run as a pipeline run.
 *
 * <p>One scheduling thread looks at the jobs when the earliest fire time comes (at least every
 * {@link SchedulerConfig#maxSleep}); for a due job it claims the fire time through the {@link JobLock} and, if it
 * won, hands the run to a small pool. A run is a {@code data_pipeline_runs} row: running, then succeeded or failed
 * with the processed count and an error summary. A fire time that comes while the job's previous run is still going
 * is claimed and recorded as skipped (the same job never runs twice at once in one instance). When the scheduler is
 * late (a long pause), it runs a job once for the latest fire time that passed, never once per fire time.
 *
 * <p>At start, per job, the {@link MissedRunPolicy} decides about fire times that passed while no instance ran:
 * the latest fire time claimed by anyone is compared with now. With {@code RUN_ONCE_ON_STARTUP_IF_MISSED} (the
 * default) the job runs once, for the latest missed fire time (so instances starting together claim the same fire
 * time and one of them runs it); with {@code SKIP_MISSED} it waits for its next fire time. A job never claimed
 * before has missed nothing. If the claims cannot be read (the metadata store is down), the look is tried again on
 * every round until it succeeds; a claim that fails is tried again on the next round, so an outage of the store
 * delays runs and loses none.
 *
 * <p>{@link #close} stops the scheduling thread, lets running jobs finish for {@link SchedulerConfig#shutdownWait},
 * then interrupts them (their runs are recorded failed) and waits as long again.
 * {@link #runDue()} is one round, callable directly: tests drive the scheduler with their own clock.
 */
public final class JobScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JobScheduler.class.getName());
    /** Fire times stepped through to find the latest missed one (a per-minute job: about 70 days). */
    static final int MAX_CATCH_UP_STEPS = 100_000;

    private final Map<String, Entry> jobs = new LinkedHashMap<>();
    private final PipelineRunStore runs;
    private final JobLock lock;
    private final Clock clock;
    private final SchedulerConfig config;
    private final ThreadPoolExecutor pool;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** The runs this instance is running: it beats on them, so only a stopped instance's runs are failed as abandoned. */
    private final Set<UUID> runningRuns = ConcurrentHashMap.newKeySet();
    private final Liveness liveness;
    private final ScheduledExecutorService beats;
    private final Object idle = new Object();
    private final Object wakeUp = new Object();
    private int active;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean closed;

    /** A job and where its schedule stands; touched under the scheduler's lock only. */
    private static final class Entry {
        final ScheduledJob job;
        boolean caughtUp;
        Instant nextFire;

        Entry(ScheduledJob job) {
            this.job = job;
        }
    }

    public JobScheduler(List<? extends ScheduledJob> jobs, PipelineRunStore runs, JobLock lock, Clock clock,
            SchedulerConfig config) {
        this(jobs, runs, lock, clock, config, Liveness.defaults(config.instanceId()));
    }

    public JobScheduler(List<? extends ScheduledJob> jobs, PipelineRunStore runs, JobLock lock, Clock clock,
            SchedulerConfig config, Liveness liveness) {
        this.liveness = requireNonNull(liveness, "liveness is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.lock = requireNonNull(lock, "lock is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.config = requireNonNull(config, "config is null");
        for (ScheduledJob job : jobs) {
            String name = job.job().name();
            if (this.jobs.putIfAbsent(name, new Entry(job)) != null) {
                throw new IllegalArgumentException("two jobs are named " + name);
            }
        }
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "scheduled-job-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // at most one run per job is in flight, so a queue as long as the job list never overflows
        this.pool = new ThreadPoolExecutor(config.poolSize(), config.poolSize(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, this.jobs.size())), factory);
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scheduled-job-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = liveness.beatEvery().toMillis();
        beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Tells the store that this instance's running runs are alive. */
    void beat() {
        if (runningRuns.isEmpty()) {
            return;
        }
        try {
            runs.heartbeat(Set.copyOf(runningRuns), now());
        } catch (RuntimeException e) {
            // a few missed beats are within Liveness.deadAfter; the next one tries again
            LOG.log(System.Logger.Level.WARNING, "could not record that this instance's runs are alive", e);
        }
    }

    /** The registered jobs. */
    public List<Job> jobs() {
        return jobs.values().stream().map(e -> e.job.job()).toList();
    }

    /**
     * One round: for every job, the missed-run look if not done yet, then a run if a fire time has come.
     *
     * @return the fire times this instance claimed in this round, per job
     */
    public synchronized Map<String, Instant> runDue() {
        Map<String, Instant> claimed = new LinkedHashMap<>();
        for (Entry entry : jobs.values()) {
            if (closed) {
                break;
            }
            Job job = entry.job.job();
            Instant now = clock.instant();
            try {
                if (!entry.caughtUp) {
                    catchUp(entry, now).ifPresent(fire -> claimed.put(job.name(), fire));
                    continue;
                }
                if (entry.nextFire == null || entry.nextFire.isAfter(now)) {
                    continue;
                }
                Instant fire = job.schedule().lastFireBetween(entry.nextFire, now, MAX_CATCH_UP_STEPS).orElse(entry.nextFire);
                if (claimAndRun(entry, fire, "schedule")) {
                    claimed.put(job.name(), fire);
                }
                entry.nextFire = job.schedule().next(now).orElse(null);
            } catch (RuntimeException e) {
                // the store is down: nothing was claimed, the same fire time is tried again next round
                LOG.log(System.Logger.Level.WARNING, "scheduled job " + job.name() + " could not be claimed; trying again", e);
            }
        }
        return claimed;
    }

    private Optional<Instant> catchUp(Entry entry, Instant now) {
        Job job = entry.job.job();
        Optional<Instant> last = lock.lastClaimedFire(job.name());
        Optional<Instant> missed = last.flatMap(l -> job.schedule().lastFireBetween(l, now, MAX_CATCH_UP_STEPS));
        Optional<Instant> claimed = Optional.empty();
        if (missed.isPresent()) {
            if (job.missedRunPolicy() == MissedRunPolicy.RUN_ONCE_ON_STARTUP_IF_MISSED) {
                LOG.log(System.Logger.Level.INFO, "scheduled job " + job.name() + " missed fire times since " + last.get()
                        + "; running once for " + missed.get());
                if (claimAndRun(entry, missed.get(), "missed_on_startup")) {
                    claimed = missed;
                }
            } else {
                LOG.log(System.Logger.Level.INFO, "scheduled job " + job.name() + " missed fire times since " + last.get()
                        + "; skipped (policy " + job.missedRunPolicy() + ")");
            }
        }
        entry.caughtUp = true;
        entry.nextFire = job.schedule().next(now).orElse(null);
        return claimed;
    }

    /** Claims the fire time; if won, runs the job (or records it skipped while its previous run is going). */
    private boolean claimAndRun(Entry entry, Instant fire, String trigger) {
        String name = entry.job.job().name();
        Optional<JobLock.Lease> lease = lock.tryLock(name, fire);
        if (lease.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "scheduled job " + name + " at " + fire + " is another instance's");
            return false;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("fireTime", fire.toString());
        parameters.put("trigger", trigger);
        parameters.put("instance", config.instanceId());
        if (!inFlight.add(name)) {
            record(name, parameters, PipelineRunStatus.SKIPPED, 0, "skipped: the previous run of " + name + " was still in progress");
            return true;
        }
        synchronized (idle) {
            active++;
        }
        try {
            pool.execute(() -> execute(entry.job, fire, parameters));
        } catch (RejectedExecutionException e) {
            finished(name);
            record(name, parameters, PipelineRunStatus.FAILED, 0, "not run: the scheduler is stopping");
        }
        return true;
    }

    private void execute(ScheduledJob job, Instant fire, Map<String, Object> parameters) {
        String name = job.job().name();
        try {
            UUID id;
            try {
                id = runs.start(name, now(), parameters);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "scheduled job " + name + " at " + fire + " not run: its run cannot be recorded", e);
                return;
            }
            runningRuns.add(id);
            PipelineRunStatus status = PipelineRunStatus.FAILED;
            long processed = 0;
            String error = null;
            Error fatal = null;
            try {
                processed = job.run(fire);
                status = PipelineRunStatus.SUCCEEDED;
            } catch (JobRunFailure e) {
                processed = e.processedRecords();
                error = describe(e);
            } catch (InterruptedException e) {
                error = "interrupted: the scheduler stopped before the run finished";
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                error = describe(e);
            } catch (Error e) {
                error = describe(e);
                fatal = e;
            }
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "scheduled job " + name + " at " + fire + " failed: " + error);
            }
            // an interrupted thread may not be able to reach the store: clear the flag for the record, then restore it
            boolean interrupted = Thread.interrupted();
            try {
                runs.finish(id, status, now(), processed, PipelineRun.summary(error));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "the end of run " + id + " of " + name + " could not be recorded", e);
            } finally {
                runningRuns.remove(id);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fatal != null) {
                throw fatal;
            }
        } finally {
            finished(name);
        }
    }

    private void record(String name, Map<String, Object> parameters, PipelineRunStatus status, long processed, String error) {
        try {
            UUID id = runs.start(name, now(), parameters);
            runs.finish(id, status, now(), processed, error);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a " + status.wireName() + " run of " + name + " could not be recorded", e);
        }
    }

    private void finished(String name) {
        inFlight.remove(name);
        synchronized (idle) {
            active--;
            idle.notifyAll();
        }
    }

    private Instant now() {
        // the store keeps microseconds: what is recorded is what is read back
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < PipelineRun.MAX_ERROR_SUMMARY; t = t.getCause() == t ? null : t.getCause()) {
            if (out.length() > 0) {
                out.append("; caused by ");
            }
            out.append(t instanceof AnalyticsException a ? a.code().name() : t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString();
    }

    /** Waits until no run is in flight; false if {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    /** Starts the scheduling thread; its first round makes the missed-run look. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the scheduler was closed");
        }
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "job-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                runDue();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "scheduler round failed", e);
            }
            long sleep = millisUntilNextFire();
            synchronized (wakeUp) {
                if (!running) {
                    return;
                }
                try {
                    wakeUp.wait(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private synchronized long millisUntilNextFire() {
        Instant now = clock.instant();
        long sleep = config.maxSleep().toMillis();
        for (Entry e : jobs.values()) {
            if (!e.caughtUp) {
                return Math.min(sleep, 1000);
            }
            if (e.nextFire != null) {
                sleep = Math.min(sleep, Math.max(0, Duration.between(now, e.nextFire).toMillis()));
            }
        }
        // a few milliseconds past the fire time, so the clock has surely reached it
        return Math.max(1, sleep + 5);
    }

    @Override
    public void close() {
        Thread scheduling;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            scheduling = thread;
            thread = null;
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        beats.shutdownNow();
        try {
            if (scheduling != null) {
                scheduling.join(config.shutdownWait().toMillis() + 1000);
            }
            pool.shutdown();
            if (!pool.awaitTermination(config.shutdownWait().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "scheduled jobs still running after " + config.shutdownWait() + "; interrupting them");
                pool.shutdownNow();
                if (!pool.awaitTermination(config.shutdownWait().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(System.Logger.Level.ERROR, "scheduled jobs ignore interruption; leaving them behind");
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The next fire time of each job once its missed-run look is done (for tests and operators). */
    public synchronized Map<String, Instant> nextFireTimes() {
        Map<String, Instant> out = new LinkedHashMap<>();
        jobs.forEach((name, e) -> {
            if (e.nextFire != null) {
                out.put(name, e.nextFire);
            }
        });
        return out;
    }

    /** Names of jobs with a run in flight. */
    List<String> inFlight() {
        return new ArrayList<>(inFlight);
    }
}
