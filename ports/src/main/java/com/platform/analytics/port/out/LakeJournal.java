package com.platform.analytics.port.out;

import java.util.function.BiConsumer;

/**
 * A local, append-only, durable log of byte records, kept in numbered segments: the lake writer's write-ahead
 * journal. Events are durable once their record is appended; the lake objects made from them are written later,
 * and a segment is deleted once every record in it has reached the lake.
 *
 * <p>Segment numbers only grow. {@link #append} and {@link #rotate} are safe to call from several threads;
 * {@link #replay} is meant for start-up, before any append.
 */
public interface LakeJournal extends AutoCloseable {
    /**
     * Appends a record to the current segment; when it returns the record is durable (forced to the disk).
     *
     * @return the number of the segment the record landed in
     */
    long append(byte[] record);

    /** The number of the segment the next {@link #append} lands in (unless a rotation comes first). */
    long currentSegment();

    /** Starts a new segment; later appends land in it. Does nothing while the current segment holds no record. */
    void rotate();

    /** Deletes every segment numbered below {@code segment} (never the current one). */
    void deleteSegmentsBefore(long segment);

    /**
     * Hands every record of every remaining segment to {@code consumer} with its segment number, in order of
     * appending. A record cut short (a crash in the middle of its write) or damaged is never handed over, whole
     * or in part: it ends its segment's replay.
     */
    void replay(BiConsumer<Long, byte[]> consumer);

    /** Forces and closes the current segment; the journal takes no further call. */
    @Override
    void close();
}
