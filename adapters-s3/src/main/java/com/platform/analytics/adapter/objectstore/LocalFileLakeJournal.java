package com.platform.analytics.adapter.objectstore;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.out.LakeJournal;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The lake journal as files in a local directory: one file per segment, {@code journal-<20-digit number>.log},
 * each a sequence of frames {@code [int length][int crc32][length bytes]} (big-endian).
 *
 * <p>An append writes its frame and forces the file ({@code fdatasync}: the data and the size, not the times).
 * Appends from several threads commit together: a thread whose frame was already forced by another's force
 * returns without forcing again, so concurrent requests share one disk flush. Creating or deleting a segment
 * forces the directory, so a crash never loses a segment that was written nor brings back one that was deleted.
 *
 * <p>A new journal always starts a new segment, after every existing one: nothing is ever appended behind a frame
 * a crash may have cut short. Replay reads each segment up to its first frame that is short or whose checksum
 * fails, and goes on with the next segment. A failed write or force abandons the current segment (a new one takes
 * the next appends), for the same reason.
 */
public final class LocalFileLakeJournal implements LakeJournal {
    private static final System.Logger LOG = System.getLogger(LocalFileLakeJournal.class.getName());
    private static final Pattern SEGMENT_NAME = Pattern.compile("journal-(\\d{20})\\.log");
    private static final int HEADER_BYTES = 8;

    private final Path directory;
    /** Guards {@link #current} and the order of frames in it. */
    private final Object writeLock = new Object();
    /** The segment appends go to; null after a failure until the next append opens another. */
    private Segment current;
    private long lastNumber;
    private volatile boolean closed;

    public LocalFileLakeJournal(Path directory) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(this.directory)) {
                Files.createDirectories(this.directory);
                forceDirectory(this.directory.getParent());
            }
            TreeMap<Long, Path> existing = segments();
            lastNumber = existing.isEmpty() ? 0 : existing.lastKey();
            synchronized (writeLock) {
                current = openNext();
            }
        } catch (IOException e) {
            throw unavailable("cannot open the lake journal in " + this.directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public long append(byte[] record) {
        requireNonNull(record, "record is null");
        CRC32 crc = new CRC32();
        crc.update(record);
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + record.length);
        frame.putInt(record.length).putInt((int) crc.getValue()).put(record).flip();
        Segment segment;
        long end;
        synchronized (writeLock) {
            ensureOpen();
            if (current == null) {
                try {
                    current = openNext();
                } catch (IOException e) {
                    throw unavailable("cannot start a lake journal segment in " + directory, e);
                }
            }
            segment = current;
            try {
                while (frame.hasRemaining()) {
                    segment.channel.write(frame);
                }
            } catch (IOException e) {
                abandon(segment);
                throw unavailable("cannot write to the lake journal " + segment.file, e);
            }
            segment.written += frame.capacity();
            end = segment.written;
        }
        force(segment, end);
        return segment.number;
    }

    /** Forces the segment at least up to {@code end}, unless a concurrent append's force already covered it. */
    private void force(Segment segment, long end) {
        IOException failure = null;
        synchronized (segment) {
            if (segment.forced >= end) {
                return;
            }
            if (segment.failed || segment.closed) {
                throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                        "the lake journal segment " + segment.file + " could not be forced to disk");
            }
            long target = segment.written;
            try {
                segment.channel.force(false);
                segment.forced = target;
                return;
            } catch (IOException e) {
                segment.failed = true;
                failure = e;
            }
        }
        // outside the segment's monitor: abandoning takes the write lock, which is always taken first
        synchronized (writeLock) {
            abandon(segment);
        }
        throw unavailable("cannot force the lake journal " + segment.file, failure);
    }

    /** Caller holds the write lock. A failed segment takes no more appends: what it holds past the failure is unsure. */
    private void abandon(Segment segment) {
        synchronized (segment) {
            segment.failed = true;
            closeQuietly(segment);
        }
        if (current == segment) {
            current = null;
        }
    }

    @Override
    public long currentSegment() {
        synchronized (writeLock) {
            ensureOpen();
            if (current == null) {
                try {
                    current = openNext();
                } catch (IOException e) {
                    throw unavailable("cannot start a lake journal segment in " + directory, e);
                }
            }
            return current.number;
        }
    }

    @Override
    public void rotate() {
        synchronized (writeLock) {
            ensureOpen();
            if (current != null && current.written == 0) {
                return;
            }
            Segment old = current;
            current = null;
            if (old != null) {
                finish(old);
            }
            try {
                current = openNext();
            } catch (IOException e) {
                throw unavailable("cannot start a lake journal segment in " + directory, e);
            }
        }
    }

    /** Forces and closes a segment; appends still waiting for its force find it forced. */
    private void finish(Segment segment) {
        synchronized (segment) {
            if (segment.closed) {
                return;
            }
            try {
                if (!segment.failed && segment.forced < segment.written) {
                    segment.channel.force(false);
                    segment.forced = segment.written;
                }
            } catch (IOException e) {
                segment.failed = true;
                LOG.log(System.Logger.Level.WARNING, "cannot force the lake journal " + segment.file, e);
            } finally {
                closeQuietly(segment);
            }
        }
    }

    @Override
    public void deleteSegmentsBefore(long segment) {
        ensureOpen();
        long keepFrom;
        synchronized (writeLock) {
            keepFrom = current == null ? segment : Math.min(segment, current.number);
        }
        boolean deleted = false;
        try {
            for (var e : segments().headMap(keepFrom, false).entrySet()) {
                Files.deleteIfExists(e.getValue());
                deleted = true;
            }
        } catch (IOException e) {
            throw unavailable("cannot delete lake journal segments in " + directory, e);
        }
        if (deleted) {
            forceDirectory(directory);
        }
    }

    @Override
    public void replay(BiConsumer<Long, byte[]> consumer) {
        requireNonNull(consumer, "consumer is null");
        ensureOpen();
        TreeMap<Long, Path> all;
        try {
            all = segments();
        } catch (IOException e) {
            throw unavailable("cannot list lake journal segments in " + directory, e);
        }
        for (var e : all.entrySet()) {
            try {
                replaySegment(e.getKey(), e.getValue(), consumer);
            } catch (NoSuchFileException gone) {
                // deleted meanwhile: its records had reached the lake
            } catch (IOException io) {
                throw unavailable("cannot read the lake journal " + e.getValue(), io);
            }
        }
    }

    private static void replaySegment(long number, Path file, BiConsumer<Long, byte[]> consumer) throws IOException {
        long size = Files.size(file);
        long position = 0;
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            while (position < size) {
                if (size - position < HEADER_BYTES) {
                    torn(file, position, "a frame header cut short");
                    return;
                }
                int length = in.readInt();
                int crc = in.readInt();
                if (length < 0 || length > size - position - HEADER_BYTES) {
                    torn(file, position, "a frame of " + length + " bytes with " + (size - position - HEADER_BYTES)
                            + " left in the file");
                    return;
                }
                byte[] record = new byte[length];
                try {
                    in.readFully(record);
                } catch (EOFException e) {
                    torn(file, position, "the file ended inside a frame");
                    return;
                }
                CRC32 check = new CRC32();
                check.update(record);
                if ((int) check.getValue() != crc) {
                    torn(file, position, "a checksum mismatch");
                    return;
                }
                position += HEADER_BYTES + length;
                consumer.accept(number, record);
            }
        }
    }

    private static void torn(Path file, long position, String what) {
        // expected after a crash in the middle of an append (that append never returned, so nothing is lost)
        LOG.log(System.Logger.Level.WARNING, "lake journal " + file + ": " + what + " at byte " + position
                + "; the rest of this segment is skipped");
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (current != null) {
                finish(current);
                current = null;
            }
        }
    }

    /** Caller holds the write lock. */
    private Segment openNext() throws IOException {
        long number = lastNumber + 1;
        Path file = directory.resolve(String.format("journal-%020d.log", number));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        lastNumber = number;
        forceDirectory(directory);
        return new Segment(number, file, channel);
    }

    private TreeMap<Long, Path> segments() throws IOException {
        TreeMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path p : files) {
                Matcher m = SEGMENT_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.put(Long.parseLong(m.group(1)), p);
                }
            }
        }
        return found;
    }

    /** Segment numbers found in the directory, in order (for tests and operators). */
    public List<Long> segmentNumbers() {
        try {
            return new ArrayList<>(segments().keySet());
        } catch (IOException e) {
            throw unavailable("cannot list lake journal segments in " + directory, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the lake journal in " + directory + " is closed");
        }
    }

    private static void closeQuietly(Segment segment) {
        segment.closed = true;
        try {
            segment.channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot close the lake journal " + segment.file, e);
        }
    }

    private static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for sync; nothing more can be done there
        }
    }

    private static AnalyticsException unavailable(String detail, Exception cause) {
        return new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, detail + ": " + cause.getMessage(), null, null, cause);
    }

    /** One segment file; its counters are guarded by the journal's write lock (written) and its own monitor (the rest). */
    private static final class Segment {
        final long number;
        final Path file;
        final FileChannel channel;
        /** Bytes written so far: set under the write lock, read by forcing threads. */
        volatile long written;
        /** Bytes known to be on disk. */
        long forced;
        volatile boolean failed;
        volatile boolean closed;

        Segment(long number, Path file, FileChannel channel) {
            this.number = number;
            this.file = file;
            this.channel = channel;
        }
    }
}
