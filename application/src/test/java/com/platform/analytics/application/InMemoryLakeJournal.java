package com.platform.analytics.application;

import com.platform.analytics.port.out.LakeJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A lake journal in memory, for the writer's tests (the real one, on files, lives in an adapter and is tested
 * there). It outlives the writers over it, as the files outlive a crashed process.
 */
final class InMemoryLakeJournal implements LakeJournal {
    private final TreeMap<Long, List<byte[]>> segments = new TreeMap<>();
    private long current = 1;
    private int appends;
    private volatile boolean slowAppends;

    InMemoryLakeJournal() {
        segments.put(current, new ArrayList<>());
    }

    @Override
    public long append(byte[] record) {
        long segment;
        synchronized (this) {
            segments.get(current).add(record.clone());
            appends++;
            segment = current;
        }
        if (slowAppends) {
            // as a disk's force does: the record is in, the caller not yet back (others may rotate meanwhile)
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return segment;
    }

    /** Appends take a millisecond after their record is in, widening the window a race would need. */
    void slowAppends(boolean slow) {
        slowAppends = slow;
    }

    @Override
    public synchronized long currentSegment() {
        return current;
    }

    @Override
    public synchronized void rotate() {
        if (!segments.get(current).isEmpty()) {
            current++;
            segments.put(current, new ArrayList<>());
        }
    }

    @Override
    public synchronized void deleteSegmentsBefore(long segment) {
        segments.headMap(Math.min(segment, current), false).clear();
    }

    @Override
    public void replay(BiConsumer<Long, byte[]> consumer) {
        List<Map.Entry<Long, byte[]>> all = new ArrayList<>();
        synchronized (this) {
            segments.forEach((n, records) -> records.forEach(r -> all.add(Map.entry(n, r.clone()))));
        }
        all.forEach(e -> consumer.accept(e.getKey(), e.getValue()));
    }

    /** A restart: the next appends go to a new segment, as a reopened file journal does. */
    synchronized void reopen() {
        rotate();
    }

    /** Segment number to the number of records in it. */
    synchronized Map<Long, Integer> recordsPerSegment() {
        Map<Long, Integer> out = new TreeMap<>();
        segments.forEach((n, records) -> out.put(n, records.size()));
        return out;
    }

    synchronized int appends() {
        return appends;
    }

    @Override
    public void close() {
    }
}
