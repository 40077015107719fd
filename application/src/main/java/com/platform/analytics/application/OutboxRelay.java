package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.EventPublisher;
import com.platform.analytics.port.out.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes what the outbox holds: leases a batch, hands it to the publisher, marks it published. A failed
 * delivery is retried after an exponential backoff with jitter; the lease keeps a second relay (another
 * instance) off the batch meanwhile, and an expired lease (a relay that died) lets another take it over.
 * Delivery is at least once: a relay that dies after delivering and before marking delivers again, and
 * consumers deduplicate on the event id.
 */
public final class OutboxRelay implements AutoCloseable {
    // the JDK's logger facade: the application layer names no logging library; bootstrap routes it to SLF4J
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());

    private final Outbox outbox;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean nudged;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param batchSize events per lease and delivery
     * @param idlePoll how long to wait for new events when nothing is pending (an append {@link #nudge}s sooner)
     * @param lease how long a leased batch is reserved for this relay
     * @param backoffInitial the wait after a first failed delivery; doubled per further failure
     * @param backoffMax the longest wait between attempts
     */
    public record Settings(int batchSize, Duration idlePoll, Duration lease, Duration backoffInitial, Duration backoffMax) {
        public Settings {
            requireNonNull(idlePoll, "idlePoll is null");
            requireNonNull(lease, "lease is null");
            requireNonNull(backoffInitial, "backoffInitial is null");
            requireNonNull(backoffMax, "backoffMax is null");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
            }
        }

        public static Settings defaults() {
            return new Settings(100, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofMinutes(5));
        }
    }

    public OutboxRelay(Outbox outbox, EventPublisher publisher, Clock clock, Settings settings) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * One round: leases a batch of due events and delivers it.
     *
     * @return the number of events published (0 when nothing was due or the delivery failed)
     */
    public int relayOnce() {
        List<Outbox.Pending> batch = outbox.lease(settings.batchSize(), settings.lease());
        if (batch.isEmpty()) {
            return 0;
        }
        List<OutgoingEvent> events = new ArrayList<>(batch.size());
        List<String> json = new ArrayList<>(batch.size());
        List<Long> sequences = new ArrayList<>(batch.size());
        for (Outbox.Pending p : batch) {
            events.add(p.event());
            json.add(p.cloudEventJson());
            sequences.add(p.sequence());
        }
        try {
            publisher.publish(events, json);
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            for (Outbox.Pending p : batch) {
                outbox.markFailed(p.sequence(), String.valueOf(e.getMessage()), now.plus(backoff(p.attempts() + 1)));
            }
            LOG.log(System.Logger.Level.WARNING, "delivering " + batch.size() + " outbox events failed; retrying later", e);
            return 0;
        }
        outbox.markPublished(sequences);
        return batch.size();
    }

    /** The wait before the next attempt after {@code failures} failed ones: exponential, capped, jittered. */
    Duration backoff(int failures) {
        long initial = settings.backoffInitial().toMillis();
        long max = settings.backoffMax().toMillis();
        long exp = failures >= 31 ? max : Math.min(max, initial << Math.max(0, failures - 1));
        // "equal jitter": at least half the exponential wait, so retries spread out yet never come too soon
        return Duration.ofMillis(exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1));
    }

    /** Starts relaying on a daemon thread until {@link #close}. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Something was appended: look now rather than at the next poll. */
    public void nudge() {
        lock.lock();
        try {
            nudged = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            int published;
            try {
                published = relayOnce();
            } catch (RuntimeException e) {
                // the outbox itself is unavailable (the metadata store is down): wait and try again
                LOG.log(System.Logger.Level.WARNING, "outbox relay round failed", e);
                published = 0;
            }
            if (published == 0) {
                lock.lock();
                try {
                    if (!nudged && running) {
                        wake.await(settings.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                    }
                    nudged = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Stops the thread after the round in progress (a round's events are delivered and marked, or retried). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            nudge();
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
