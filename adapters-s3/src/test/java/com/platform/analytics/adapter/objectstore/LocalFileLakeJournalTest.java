package com.platform.analytics.adapter.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.port.out.LakeJournal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on the real file system, including what a crash leaves behind: a torn frame, damaged bytes. */
class LocalFileLakeJournalTest extends BaseLakeJournalTest {
    @TempDir
    Path dir;

    @Override
    protected LakeJournal openJournal() {
        return new LocalFileLakeJournal(dir.resolve("journal"));
    }

    private Path segmentFile(long number) {
        return dir.resolve("journal").resolve(String.format("journal-%020d.log", number));
    }

    private List<String> fileNames() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void segmentsAreNumberedFilesOfLengthAndChecksumFrames() throws Exception {
        LakeJournal journal = open();
        long s = journal.append(bytes("abc"));

        assertThat(s).isEqualTo(1);
        assertThat(fileNames()).containsExactly("journal-00000000000000000001.log");
        byte[] file = Files.readAllBytes(segmentFile(1));
        ByteBuffer frame = ByteBuffer.wrap(file);
        assertThat(frame.getInt()).isEqualTo(3);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes("abc"));
        assertThat(frame.getInt()).isEqualTo((int) crc.getValue());
        assertThat(file).hasSize(11).endsWith(bytes("abc"));
    }

    @Test
    void aTornLastRecordIsIgnoredAndTheNextAppendsGoToANewSegment() throws Exception {
        LakeJournal crashed = openJournal();
        long s = crashed.append(bytes("whole one"));
        crashed.append(bytes("whole two"));
        crashed.close();
        // a crash in the middle of the third append: its header promises 100 bytes, 10 made it to disk
        ByteBuffer torn = ByteBuffer.allocate(18).putInt(100).putInt(12345).put(bytes("0123456789"));
        Files.write(segmentFile(s), torn.array(), StandardOpenOption.APPEND);

        LakeJournal restarted = open();
        assertThat(replayAll(restarted)).containsExactly(new Replayed(s, "whole one"), new Replayed(s, "whole two"));
        long next = restarted.append(bytes("after the crash"));

        assertThat(next).isGreaterThan(s);
        assertThat(replayAll(restarted)).containsExactly(new Replayed(s, "whole one"), new Replayed(s, "whole two"),
                new Replayed(next, "after the crash"));
    }

    @Test
    void aHeaderCutShortIsIgnored() throws Exception {
        LakeJournal crashed = openJournal();
        long s = crashed.append(bytes("kept"));
        crashed.close();
        Files.write(segmentFile(s), new byte[] {0, 0, 0}, StandardOpenOption.APPEND);

        assertThat(replayAll(open())).containsExactly(new Replayed(s, "kept"));
    }

    @Test
    void aRecordWhoseChecksumFailsEndsItsSegmentButNotTheNextOnes() throws Exception {
        LakeJournal journal = openJournal();
        long s1 = journal.append(bytes("first"));
        journal.append(bytes("second, to be damaged"));
        journal.append(bytes("third, behind the damage"));
        journal.rotate();
        long s2 = journal.append(bytes("in the next segment"));
        journal.close();
        // flip one byte inside the second record's payload (header 8 + "first" 5, then its own header 8)
        byte[] file = Files.readAllBytes(segmentFile(s1));
        file[8 + 5 + 8 + 3] ^= 0x20;
        Files.write(segmentFile(s1), file);

        assertThat(replayAll(open())).containsExactly(new Replayed(s1, "first"), new Replayed(s2, "in the next segment"));
    }

    @Test
    void deletingAndRotatingLeaveOnlyTheSegmentFilesStillNeeded() throws Exception {
        LakeJournal journal = open();
        journal.append(bytes("a"));
        journal.rotate();
        journal.append(bytes("b"));
        journal.rotate();
        long current = journal.currentSegment();

        journal.deleteSegmentsBefore(current);

        assertThat(fileNames()).containsExactly(String.format("journal-%020d.log", current));
    }
}
