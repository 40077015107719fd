package com.platform.analytics.bootstrap;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Feeds NDJSON lines through the ingestion use case in chunks, a few chunks in flight so that validation of
 * one overlaps the storing of another, and prints a progress line. Used by {@code ingest} and {@code demo}.
 */
final class LineFeeder {
    /** Events per request: the default most a request may carry. */
    static final int CHUNK = 10_000;
    /**
     * Requests in flight: one being stored while the others validate and write to the lake, enough to keep two
     * cores busy through the waits for disk.
     */
    static final int IN_FLIGHT = 3;
    private final IngestEventsUseCase ingest;
    private final int chunkSize;
    private final int inFlight;
    private final PrintStream progress;

    static LineFeeder standard(IngestEventsUseCase ingest, PrintStream progress) {
        return new LineFeeder(ingest, CHUNK, IN_FLIGHT, progress);
    }

    LineFeeder(IngestEventsUseCase ingest, int chunkSize, int inFlight, PrintStream progress) {
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.chunkSize = chunkSize;
        this.inFlight = inFlight;
        this.progress = progress;
    }

    /** Totals of a feed. */
    record Totals(long lines, long accepted, long duplicates, long rejected, long nanos) {
        double eventsPerSecond() {
            return nanos == 0 ? 0 : lines * 1e9 / nanos;
        }

        String describe() {
            return String.format("%,d events: %,d accepted, %,d duplicates, %,d rejected in %.1f s (%,.0f events/s)",
                    lines, accepted, duplicates, rejected, nanos / 1e9, eventsPerSecond());
        }
    }

    Totals feed(String label, Iterator<String> lines) {
        long start = System.nanoTime();
        long[] totals = new long[4];
        long lastPrint = start;
        ExecutorService pool = Executors.newFixedThreadPool(inFlight, r -> {
            Thread t = new Thread(r, "ingest-feeder");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<IngestionResult>> pending = new ArrayDeque<>();
        try {
            StringBuilder chunk = new StringBuilder(chunkSize * 600);
            int inChunk = 0;
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isBlank()) {
                    continue;
                }
                chunk.append(line).append('\n');
                totals[0]++;
                if (++inChunk == chunkSize) {
                    submit(pool, pending, chunk.toString());
                    chunk.setLength(0);
                    inChunk = 0;
                    while (pending.size() >= inFlight) {
                        add(totals, pending.removeFirst());
                    }
                    long now = System.nanoTime();
                    if (progress != null && now - lastPrint > 1_000_000_000L) {
                        lastPrint = now;
                        progress.printf("\r%s: %,d events read, %,d accepted, %,d duplicates, %,d rejected (%,.0f events/s)   ",
                                label, totals[0], totals[1], totals[2], totals[3], totals[0] * 1e9 / (now - start));
                        progress.flush();
                    }
                }
            }
            if (inChunk > 0) {
                submit(pool, pending, chunk.toString());
            }
            while (!pending.isEmpty()) {
                add(totals, pending.removeFirst());
            }
        } finally {
            pool.shutdownNow();
        }
        Totals t = new Totals(totals[0], totals[1], totals[2], totals[3], System.nanoTime() - start);
        if (progress != null) {
            progress.printf("\r%s: %s%n", label, t.describe());
        }
        return t;
    }

    private void submit(ExecutorService pool, Deque<Future<IngestionResult>> pending, String body) {
        pending.addLast(pool.submit(() -> ingest.ingest(BodyFormat.NDJSON, body)));
    }

    private static void add(long[] totals, Future<IngestionResult> f) {
        try {
            IngestionResult r = f.get();
            totals[1] += r.accepted();
            totals[2] += r.duplicates();
            totals[3] += r.rejected();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
