package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.lake.LakeLayout;
import com.platform.analytics.port.out.LakeJournal;
import com.platform.analytics.port.out.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Appends pseudonymized events to the raw lake through a write-ahead journal, and rolls them into few, large
 * lake objects (see {@code docs/lake.md}).
 *
 * <p><b>Durability point.</b> {@link #append} writes one journal record holding the call's events, grouped by
 * lake partition, and returns when the journal has forced it to disk: from then on the events survive a crash,
 * because start-up {@link #recover}s the journal into the lake. The events also go to an in-memory buffer per
 * partition, gzip-compressed as they arrive, which becomes one object {@code <partition>/<uuid>.json.gz} when it
 * reaches {@link Settings#maxObjectBytes} or {@link Settings#maxAge}, or on {@link #flush}. A journal segment is
 * deleted only when no buffer and no object still waiting to be written holds events from it.
 *
 * <p><b>Repeats.</b> A crash after an object was written and before its journal segment was deleted makes the
 * replay write those events again, in another object. The lake tolerates that already (see
 * {@link IngestionService}): readers drop repeats by ({@code source}, {@code id}).
 *
 * <p><b>Failures.</b> A failed object write leaves the object, its events and their journal segment in place; the
 * next round retries it under the same key, so nothing is dropped and a retried write replaces rather than adds.
 * While objects whose write failed exceed {@link Settings#maxBufferedBytes}, appends are refused
 * ({@link ErrorCode#STORAGE_UNAVAILABLE}) before anything is journaled, so memory stays bounded.
 *
 * <p>Thread-safe. Appends from several threads compress in parallel when their partitions differ.
 */
public final class LakeWriter implements AutoCloseable {
    // the JDK's logger facade: the application layer names no logging library; bootstrap routes it to SLF4J
    private static final System.Logger LOG = System.getLogger(LakeWriter.class.getName());
    /** The first int of every journal record, so a record of another layout is refused, never misread. */
    private static final int JOURNAL_FORMAT = 0x4c414b31; // "LAK1"

    private final ObjectStore store;
    private final LakeJournal journal;
    private final Clock clock;
    private final Settings settings;
    /** Partition buffers still taking events, by partition directory. */
    private final ConcurrentHashMap<String, PartitionBuffer> open = new ConcurrentHashMap<>();
    /** Finished objects not yet written to the store. */
    private final Set<FinishedObject> finished = ConcurrentHashMap.newKeySet();
    /** Compressed bytes held in memory: open buffers and finished objects. */
    private final AtomicLong heldBytes = new AtomicLong();
    /**
     * Compressed bytes of finished objects whose last write failed (not those merely being written: several
     * threads writing large objects at once is normal and must not refuse appends).
     */
    private final AtomicLong failedBytes = new AtomicLong();
    /**
     * Shared by appends from their journal write until their events are in a buffer, and by every move of a buffer
     * into {@link #finished}; exclusive while the roller computes the oldest segment still needed. So that
     * computation never misses events that are journaled but not yet buffered.
     */
    private final ReentrantReadWriteLock journalGate = new ReentrantReadWriteLock();
    private final ReentrantLock rollerLock = new ReentrantLock();
    private final Condition rollerWake = rollerLock.newCondition();
    private volatile boolean running;
    private Thread roller;

    /**
     * @param maxObjectBytes a partition's buffer is written as an object once its compressed size reaches this
     * @param maxBufferedBytes compressed bytes kept in memory at most: beyond it the largest buffers are written
     *     first, and appends are refused while objects whose write failed exceed it
     * @param maxAge a buffer is written as an object at the latest this long after its first event
     */
    public record Settings(long maxObjectBytes, long maxBufferedBytes, Duration maxAge) {
        public Settings {
            requireNonNull(maxAge, "maxAge is null");
            if (maxObjectBytes < 1) {
                throw new IllegalArgumentException("maxObjectBytes must be positive, got " + maxObjectBytes);
            }
            if (maxBufferedBytes < 1) {
                throw new IllegalArgumentException("maxBufferedBytes must be positive, got " + maxBufferedBytes);
            }
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
            }
        }

        /** 64 MiB objects, 256 MiB in memory, a minute at most. */
        public static Settings defaults() {
            return new Settings(64L << 20, 256L << 20, Duration.ofSeconds(60));
        }
    }

    public LakeWriter(ObjectStore store, LakeJournal journal, Clock clock, Settings settings) {
        this.store = requireNonNull(store, "store is null");
        this.journal = requireNonNull(journal, "journal is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Takes the events into the lake; when it returns every one is durable (in the journal, forced to disk). */
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long waiting = failedBytes.get();
        if (waiting > settings.maxBufferedBytes()) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "the lake's object store is not taking objects: "
                    + waiting + " bytes of lake objects whose write failed wait to be retried; retry later");
        }
        Map<String, byte[]> partitions = serialize(entries);
        byte[] record = encode(partitions);
        List<FinishedObject> full;
        journalGate.readLock().lock();
        try {
            long segment = journal.append(record);
            full = buffer(partitions, segment);
        } finally {
            journalGate.readLock().unlock();
        }
        // the events are durable: a failed write below is retried by the roller, never reported to the caller
        write(full, false);
        keepMemoryBounded();
    }

    /** The events as NDJSON per partition directory, in the order given. */
    private static Map<String, byte[]> serialize(List<Entry> entries) {
        // grouped by source, type and UTC hour first: the partition path is then built once per group
        Map<PartitionKey, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry e : entries) {
            CloudEvent event = e.event();
            groups.computeIfAbsent(new PartitionKey(event.source(), event.type(), event.time().getEpochSecond() / 3600),
                    k -> new ArrayList<>()).add(e);
        }
        // two sources may share a service name, hence one partition: their lines go together
        Map<String, StringBuilder> text = new LinkedHashMap<>();
        for (List<Entry> group : groups.values()) {
            CloudEvent first = group.get(0).event();
            StringBuilder sb = text.computeIfAbsent(
                    LakeLayout.rawEventsPartition(first.serviceName(), first.type(), first.time()),
                    k -> new StringBuilder(group.size() * 640));
            for (Entry e : group) {
                e.event().writeJson(sb, e.dataJson());
                sb.append('\n');
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        text.forEach((partition, sb) -> out.put(partition, sb.toString().getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** A journal record: {@code [format][count]} then per partition {@code [key length][key][data length][data]}. */
    static byte[] encode(Map<String, byte[]> partitions) {
        int size = 8;
        List<byte[]> keys = new ArrayList<>(partitions.size());
        for (Map.Entry<String, byte[]> p : partitions.entrySet()) {
            byte[] key = p.getKey().getBytes(StandardCharsets.UTF_8);
            keys.add(key);
            size = Math.addExact(size, Math.addExact(8 + key.length, p.getValue().length));
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(JOURNAL_FORMAT).putInt(partitions.size());
        int i = 0;
        for (byte[] data : partitions.values()) {
            byte[] key = keys.get(i++);
            buf.putInt(key.length).put(key).putInt(data.length).put(data);
        }
        return buf.array();
    }

    static Map<String, byte[]> decode(byte[] record) {
        ByteBuffer buf = ByteBuffer.wrap(record);
        try {
            int format = buf.getInt();
            if (format != JOURNAL_FORMAT) {
                throw new IllegalArgumentException("unknown journal record format " + Integer.toHexString(format));
            }
            int count = buf.getInt();
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[buf.getInt()];
                buf.get(key);
                byte[] data = new byte[buf.getInt()];
                buf.get(data);
                out.merge(new String(key, StandardCharsets.UTF_8), data, LakeWriter::concat);
            }
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException(buf.remaining() + " bytes after the last partition");
            }
            return out;
        } catch (RuntimeException e) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR,
                    "a lake journal record cannot be read: " + e.getMessage(), null, null, e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /**
     * Adds journaled events to their partitions' buffers. Caller holds the journal gate (shared).
     *
     * @return the buffers that reached the object size, finished, to be written
     */
    private List<FinishedObject> buffer(Map<String, byte[]> partitions, long segment) {
        List<FinishedObject> full = new ArrayList<>();
        for (Map.Entry<String, byte[]> p : partitions.entrySet()) {
            while (true) {
                PartitionBuffer b = open.computeIfAbsent(p.getKey(), k -> new PartitionBuffer(k, clock.instant()));
                synchronized (b) {
                    if (b.finished) {
                        continue; // finished by another thread meanwhile: a new buffer takes the events
                    }
                    long before = b.size();
                    b.write(p.getValue(), segment);
                    heldBytes.addAndGet(b.size() - before);
                    if (b.size() >= settings.maxObjectBytes()) {
                        full.add(finish(b));
                    }
                    break;
                }
            }
        }
        return full;
    }

    /** Moves a buffer from {@link #open} to {@link #finished}. Caller holds the journal gate and the buffer. */
    private FinishedObject finish(PartitionBuffer b) {
        open.remove(b.partition, b);
        long before = b.size();
        byte[] content = b.finish();
        heldBytes.addAndGet(content.length - before);
        FinishedObject o = new FinishedObject(b.partition + UUID.randomUUID() + ".json.gz", content, b.lowestSegment);
        finished.add(o);
        return o;
    }

    /** Finishes the buffers that match, under the journal gate. */
    private List<FinishedObject> finishWhere(Predicate<PartitionBuffer> which) {
        List<FinishedObject> out = new ArrayList<>();
        journalGate.readLock().lock();
        try {
            for (PartitionBuffer b : open.values()) {
                synchronized (b) {
                    if (!b.finished && which.test(b)) {
                        out.add(finish(b));
                    }
                }
            }
        } finally {
            journalGate.readLock().unlock();
        }
        return out;
    }

    /** While more than the allowed bytes are held, finishes and writes the largest buffers. */
    private void keepMemoryBounded() {
        if (heldBytes.get() <= settings.maxBufferedBytes()) {
            return;
        }
        List<FinishedObject> toWrite = new ArrayList<>();
        journalGate.readLock().lock();
        try {
            // sizes taken once: buffers grow while this runs, and a sort needs keys that hold still
            List<Map.Entry<Long, PartitionBuffer>> largestFirst = new ArrayList<>();
            open.values().forEach(b -> largestFirst.add(Map.entry(b.sizeNow(), b)));
            largestFirst.sort(Map.Entry.<Long, PartitionBuffer>comparingByKey().reversed());
            // bytes already finished stay held until written, so what counts is what the open buffers add
            long excess = heldBytes.get() - settings.maxBufferedBytes();
            for (Map.Entry<Long, PartitionBuffer> sized : largestFirst) {
                PartitionBuffer b = sized.getValue();
                if (excess <= 0) {
                    break;
                }
                synchronized (b) {
                    if (!b.finished) {
                        excess -= b.size();
                        toWrite.add(finish(b));
                    }
                }
            }
        } finally {
            journalGate.readLock().unlock();
        }
        write(toWrite, false);
    }

    /**
     * Writes finished objects to the store (several at once through {@code putAll}). An object another thread is
     * writing is skipped, or waited for when {@code waitForOthers}.
     *
     * @return whether every object given is written now
     */
    private boolean write(Collection<FinishedObject> objects, boolean waitForOthers) {
        List<FinishedObject> mine = new ArrayList<>();
        List<FinishedObject> others = new ArrayList<>();
        for (FinishedObject o : objects) {
            if (o.writing.tryLock()) {
                if (o.written) {
                    o.writing.unlock();
                } else {
                    mine.add(o);
                }
            } else {
                others.add(o);
            }
        }
        boolean all;
        try {
            all = mine.isEmpty() || writeNow(mine);
        } finally {
            mine.forEach(o -> o.writing.unlock());
        }
        if (!waitForOthers) {
            return all && others.isEmpty();
        }
        for (FinishedObject o : others) {
            o.writing.lock();
            try {
                all &= o.written || writeNow(List.of(o));
            } finally {
                o.writing.unlock();
            }
        }
        return all;
    }

    /** Caller holds each object's write lock. */
    private boolean writeNow(List<FinishedObject> objects) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        objects.forEach(o -> contents.put(o.key, o.content));
        try {
            if (contents.size() == 1) {
                store.put(objects.get(0).key, objects.get(0).content);
            } else {
                store.putAll(contents);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "writing " + objects.size()
                    + " lake objects failed; their events stay in the journal and the write is retried", e);
            for (FinishedObject o : objects) {
                if (!o.failed) {
                    o.failed = true;
                    failedBytes.addAndGet(o.content.length);
                }
            }
            return false;
        }
        for (FinishedObject o : objects) {
            o.written = true;
            finished.remove(o);
            heldBytes.addAndGet(-o.content.length);
            if (o.failed) {
                failedBytes.addAndGet(-o.content.length);
            }
            o.content = null;
        }
        return true;
    }

    /**
     * One round of the roller: finishes every buffer older than {@link Settings#maxAge}, writes every finished
     * object (retrying earlier failures), then starts a new journal segment and deletes the segments whose events
     * are all in written objects.
     *
     * @return whether every finished object is now written
     */
    public boolean rollDue() {
        Instant now = clock.instant();
        finishWhere(b -> !now.isBefore(b.openedAt.plus(settings.maxAge())));
        boolean all = write(new ArrayList<>(finished), false);
        try {
            releaseJournal();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "lake journal upkeep failed; retried next round", e);
        }
        return all;
    }

    /**
     * Writes everything buffered as objects now and deletes the journal segments no longer needed.
     *
     * @throws AnalyticsException {@link ErrorCode#STORAGE_UNAVAILABLE} when an object could not be written (its
     *     events stay buffered and journaled, and a later round or flush retries)
     */
    public void flush() {
        finishWhere(b -> true);
        if (!write(new ArrayList<>(finished), true)) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    finished.size() + " lake objects could not be written; their events stay in the journal");
        }
        releaseJournal();
    }

    /** Rotates the journal and deletes every segment older than the oldest one an unwritten event came from. */
    private void releaseJournal() {
        journal.rotate();
        long keepFrom;
        journalGate.writeLock().lock();
        try {
            // no append is between its journal write and its buffer now: every journaled event is counted below
            keepFrom = journal.currentSegment();
            for (PartitionBuffer b : open.values()) {
                keepFrom = Math.min(keepFrom, b.lowestSegment);
            }
            for (FinishedObject o : finished) {
                keepFrom = Math.min(keepFrom, o.lowestSegment);
            }
        } finally {
            journalGate.writeLock().unlock();
        }
        journal.deleteSegmentsBefore(keepFrom);
    }

    /**
     * Start-up: puts the events of every journal record that remained (those of the last run not yet in written
     * objects, and possibly some that were) into the lake, then deletes the segments. Call before the first append
     * and before {@link #start}. When the store cannot take the objects now, they stay buffered and journaled, a
     * warning is logged and the roller retries them: a store outage does not keep the service from starting.
     *
     * @return the number of events recovered
     */
    public long recover() {
        AtomicLong events = new AtomicLong();
        journal.replay((segment, record) -> {
            Map<String, byte[]> partitions = decode(record);
            partitions.values().forEach(data -> events.addAndGet(lines(data)));
            List<FinishedObject> full;
            journalGate.readLock().lock();
            try {
                full = buffer(partitions, segment);
            } finally {
                journalGate.readLock().unlock();
            }
            write(full, false);
            keepMemoryBounded();
        });
        finishWhere(b -> true);
        if (write(new ArrayList<>(finished), true)) {
            releaseJournal();
        } else {
            // the store is down: the service may still start, the events stay journaled and the roller retries
            LOG.log(System.Logger.Level.WARNING, "recovered lake events could not all be written yet; retried by the roller");
        }
        if (events.get() > 0) {
            LOG.log(System.Logger.Level.INFO, "recovered " + events.get() + " lake events from the journal");
        }
        return events.get();
    }

    private static long lines(byte[] ndjson) {
        long n = 0;
        for (byte b : ndjson) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Starts the roller thread: a round every quarter of {@link Settings#maxAge} (at most a second apart). */
    public synchronized void start() {
        if (roller != null) {
            return;
        }
        running = true;
        roller = new Thread(this::loop, "lake-roller");
        roller.setDaemon(true);
        roller.start();
    }

    private void loop() {
        long tickMillis = Math.max(10, Math.min(1000, settings.maxAge().toMillis() / 4));
        while (running) {
            try {
                rollDue();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "lake roller round failed", e);
            }
            rollerLock.lock();
            try {
                if (running) {
                    rollerWake.await(tickMillis, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                rollerLock.unlock();
            }
        }
    }

    /** Stops the roller, then {@link #flush}es. The journal is not closed: whoever opened it closes it. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = roller;
            roller = null;
        }
        if (t != null) {
            rollerLock.lock();
            try {
                rollerWake.signalAll();
            } finally {
                rollerLock.unlock();
            }
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    private record PartitionKey(String source, String type, long epochHour) {
    }

    /** An event for the lake, with its {@code data} already serialized (the warehouse row carries it too). */
    public record Entry(CloudEvent event, String dataJson) {
        public Entry {
            requireNonNull(event, "event is null");
            requireNonNull(dataJson, "dataJson is null");
        }

        public static Entry of(CloudEvent event) {
            return new Entry(event, Json.write(event.data()));
        }
    }

    /** One partition's events since its last object, gzip-compressed as they arrive. Guarded by its monitor. */
    private static final class PartitionBuffer {
        final String partition;
        final Instant openedAt;
        private final GrowingBytes out = new GrowingBytes();
        private final GZIPOutputStream gzip;
        /** The oldest journal segment holding events of this buffer. */
        volatile long lowestSegment = Long.MAX_VALUE;
        boolean finished;

        PartitionBuffer(String partition, Instant openedAt) {
            this.partition = partition;
            this.openedAt = openedAt;
            try {
                gzip = new GZIPOutputStream(out, 1 << 14) {
                    {
                        def.setLevel(Deflater.BEST_SPEED); // as gzip(): written on the hot path
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the stream is in memory
            }
        }

        void write(byte[] ndjson, long segment) {
            try {
                gzip.write(ndjson);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lowestSegment = Math.min(lowestSegment, segment);
        }

        long size() {
            return out.size();
        }

        /** The size read without the monitor: a stale value is good enough to pick the largest. */
        long sizeNow() {
            return out.size;
        }

        byte[] finish() {
            finished = true;
            try {
                gzip.close(); // writes the trailer and frees the deflater's native memory
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    /**
     * An in-memory output stream in chunks: growing never copies what is there (a doubling array would hold twice
     * an object's size at its last growth), and a small partition costs a small first chunk.
     */
    private static final class GrowingBytes extends OutputStream {
        private static final int FIRST_CHUNK = 8 << 10;
        private static final int LARGEST_CHUNK = 1 << 20;
        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] last;
        private int lastUsed;
        /** Volatile: read without the buffer's monitor when picking the largest buffers. */
        private volatile long size;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (last == null || lastUsed == last.length) {
                    last = new byte[last == null ? FIRST_CHUNK : Math.min(LARGEST_CHUNK, last.length * 2)];
                    chunks.add(last);
                    lastUsed = 0;
                }
                int n = Math.min(len, last.length - lastUsed);
                System.arraycopy(b, off, last, lastUsed, n);
                lastUsed += n;
                off += n;
                len -= n;
                size += n;
            }
        }

        long size() {
            return size;
        }

        byte[] toByteArray() {
            byte[] out = new byte[Math.toIntExact(size)];
            int pos = 0;
            for (byte[] c : chunks) {
                int n = c == last ? lastUsed : c.length;
                System.arraycopy(c, 0, out, pos, n);
                pos += n;
            }
            return out;
        }
    }

    /** A finished lake object waiting to be written (or being written). */
    private static final class FinishedObject {
        final String key;
        /** Null once written, to free the memory. */
        volatile byte[] content;
        final long lowestSegment;
        /** Guards the write: one thread writes an object at a time (and {@link #failed}). */
        final ReentrantLock writing = new ReentrantLock();
        volatile boolean written;
        /** A write of it failed: its bytes count in {@link LakeWriter#failedBytes} until written. */
        boolean failed;

        FinishedObject(String key, byte[] content, long lowestSegment) {
            this.key = key;
            this.content = content;
            this.lowestSegment = lowestSegment;
        }
    }

    static byte[] gzip(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 4 + 64);
        // the fastest deflate level: lake files are written once per request on the hot path, and level 1
        // costs a few percent of size against level 6 on JSON for several times the speed; the text is encoded
        // as it is compressed, without a copy of it as one String
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }, StandardCharsets.UTF_8)) {
            w.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
