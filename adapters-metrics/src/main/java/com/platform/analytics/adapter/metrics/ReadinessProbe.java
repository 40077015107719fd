package com.platform.analytics.adapter.metrics;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.port.out.ReadinessCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates the readiness checks side by side, each within a time limit.
 *
 * <p>A check that does not answer in time counts as failing. Its evaluation is left running rather than started
 * again on the next probe: a store that hangs would otherwise take one more thread per probe, every few seconds, for
 * as long as it hangs. The next probe waits for that same evaluation (within its own limit) instead.
 */
final class ReadinessProbe implements AutoCloseable {
    private final List<ReadinessCheck> checks;
    private final Duration timeout;
    private final ExecutorService executor;
    private final Map<ReadinessCheck, Future<Optional<String>>> inFlight = new IdentityHashMap<>();

    ReadinessProbe(List<ReadinessCheck> checks, Duration timeout) {
        this.checks = List.copyOf(requireNonNull(checks, "checks is null"));
        this.timeout = requireNonNull(timeout, "timeout is null");
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "readiness-check-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The checks' outcomes now, in registration order. */
    Readiness evaluate() {
        Map<ReadinessCheck, Future<Optional<String>>> running = new LinkedHashMap<>();
        synchronized (inFlight) {
            for (ReadinessCheck check : checks) {
                Future<Optional<String>> previous = inFlight.get(check);
                Future<Optional<String>> future = previous != null && !previous.isDone()
                        ? previous
                        : CompletableFuture.supplyAsync(() -> run(check), executor);
                inFlight.put(check, future);
                running.put(check, future);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Readiness.Outcome> outcomes = new ArrayList<>(checks.size());
        running.forEach((check, future) -> outcomes.add(new Readiness.Outcome(check.name(), await(future, deadline))));
        return new Readiness(outcomes);
    }

    private Optional<String> await(Future<Optional<String>> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Optional.of("did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static Optional<String> run(ReadinessCheck check) {
        try {
            Optional<String> problem = check.problem();
            return problem == null ? Optional.of("the check returned null") : problem;
        } catch (RuntimeException e) {
            return Optional.of(describe(e));
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The outcome of one probe. */
    record Readiness(List<Outcome> outcomes) {
        Readiness {
            outcomes = List.copyOf(requireNonNull(outcomes, "outcomes is null"));
        }

        boolean ready() {
            return outcomes.stream().allMatch(o -> o.problem().isEmpty());
        }

        /** One check's outcome: empty problem = ready. */
        record Outcome(String name, Optional<String> problem) {
            Outcome {
                requireNonNull(name, "name is null");
                requireNonNull(problem, "problem is null");
            }
        }
    }
}
