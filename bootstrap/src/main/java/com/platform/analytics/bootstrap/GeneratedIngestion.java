package com.platform.analytics.bootstrap;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.port.in.IngestEventsUseCase;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Ingests what a generator produces while it produces it: the generator runs on its own thread into a bounded queue,
 * and the lines are fed to ingestion in chunks, so a large synthetic platform never sits in memory whole.
 */
public final class GeneratedIngestion {
    private GeneratedIngestion() {
    }

    /**
     * @param generator writes every line to the sink it is given, then returns
     * @param progress where ingestion reports progress
     */
    public static void ingest(Consumer<Consumer<String>> generator, IngestEventsUseCase ingest, PrintStream progress) {
        requireNonNull(generator, "generator is null");
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(50_000);
        String end = new String("<end>");
        RuntimeException[] failure = new RuntimeException[1];
        Thread producer = new Thread(() -> {
            try {
                generator.accept(line -> put(queue, line));
            } catch (RuntimeException e) {
                failure[0] = e;
            } finally {
                put(queue, end);
            }
        }, "generator");
        producer.setDaemon(true);
        producer.start();
        Iterator<String> lines = new Iterator<>() {
            String next = take();

            private String take() {
                try {
                    String l = queue.take();
                    return l == end ? null : l;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public String next() {
                String l = next;
                next = take();
                return l;
            }
        };
        LineFeeder.standard(ingest, progress).feed("demo ingest", lines);
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static void put(BlockingQueue<String> queue, String line) {
        try {
            queue.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        }
    }
}
