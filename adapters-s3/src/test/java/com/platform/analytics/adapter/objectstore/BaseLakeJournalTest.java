package com.platform.analytics.adapter.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.port.out.LakeJournal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LakeJournal}: records come back whole, in order, with the segment they landed in, across
 * a reopening, and only from segments not deleted.
 */
abstract class BaseLakeJournalTest {
    private final List<LakeJournal> opened = new ArrayList<>();

    /** A journal over the test's storage; a second call opens the same storage again (as after a restart). */
    protected abstract LakeJournal openJournal() throws Exception;

    protected LakeJournal open() throws Exception {
        LakeJournal j = openJournal();
        opened.add(j);
        return j;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(LakeJournal::close);
    }

    record Replayed(long segment, String text) {
    }

    static List<Replayed> replayAll(LakeJournal journal) {
        List<Replayed> out = new ArrayList<>();
        journal.replay((segment, record) -> out.add(new Replayed(segment, new String(record, StandardCharsets.UTF_8))));
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replayReturnsEveryRecordInOrderWithItsSegment() throws Exception {
        LakeJournal journal = open();
        long s1 = journal.append(bytes("one"));
        long s2 = journal.append(bytes(""));
        long s3 = journal.append(bytes("three \u00e9\u4e2d"));

        assertThat(List.of(s1, s2, s3)).containsOnly(journal.currentSegment());
        assertThat(replayAll(journal)).containsExactly(
                new Replayed(s1, "one"), new Replayed(s1, ""), new Replayed(s1, "three \u00e9\u4e2d"));
    }

    @Test
    void rotateStartsAHigherSegmentAndIsANoOpOnAnEmptyOne() throws Exception {
        LakeJournal journal = open();
        long first = journal.currentSegment();
        journal.rotate();
        assertThat(journal.currentSegment()).as("nothing appended yet: no new segment").isEqualTo(first);

        journal.append(bytes("a"));
        journal.rotate();
        long second = journal.append(bytes("b"));

        assertThat(second).isGreaterThan(first).isEqualTo(journal.currentSegment());
        assertThat(replayAll(journal)).containsExactly(new Replayed(first, "a"), new Replayed(second, "b"));
    }

    @Test
    void deleteSegmentsBeforeDropsOnlyOlderSegmentsAndNeverTheCurrentOne() throws Exception {
        LakeJournal journal = open();
        long s1 = journal.append(bytes("a"));
        journal.rotate();
        long s2 = journal.append(bytes("b"));
        journal.rotate();
        long s3 = journal.append(bytes("c"));

        journal.deleteSegmentsBefore(s2);
        assertThat(replayAll(journal)).containsExactly(new Replayed(s2, "b"), new Replayed(s3, "c"));

        journal.deleteSegmentsBefore(Long.MAX_VALUE);
        assertThat(replayAll(journal)).as("the current segment stays").containsExactly(new Replayed(s3, "c"));
        assertThat(s1).isLessThan(s2);
    }

    @Test
    void recordsSurviveAReopeningAndNewAppendsLandInAHigherSegment() throws Exception {
        LakeJournal first = open();
        long s1 = first.append(bytes("before"));
        first.close();

        LakeJournal second = open();
        assertThat(replayAll(second)).containsExactly(new Replayed(s1, "before"));
        long s2 = second.append(bytes("after"));

        assertThat(s2).isGreaterThan(s1);
        assertThat(replayAll(second)).containsExactly(new Replayed(s1, "before"), new Replayed(s2, "after"));
        second.deleteSegmentsBefore(s2);
        assertThat(replayAll(second)).containsExactly(new Replayed(s2, "after"));
    }

    @Test
    void recordsOfAJournalThatWasNotClosedSurvive() throws Exception {
        // a crash: the first journal is never closed before the second opens the same storage
        LakeJournal crashed = openJournal();
        long s = crashed.append(bytes("durable when append returned"));

        LakeJournal restarted = open();
        assertThat(replayAll(restarted)).containsExactly(new Replayed(s, "durable when append returned"));
        crashed.close();
    }

    @Test
    void concurrentAppendsAreAllKeptWhole() throws Exception {
        LakeJournal journal = open();
        int threads = 4;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        journal.append(bytes(("t" + thread + "-" + i + "-").repeat(1 + i % 7)));
                        if (thread == 0 && i % 50 == 0) {
                            journal.rotate();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Replayed> all = replayAll(journal);
        assertThat(all).hasSize(threads * perThread);
        Set<String> distinct = new HashSet<>();
        for (Replayed r : all) {
            assertThat(r.text()).matches("(t\\d-\\d+-)+");
            distinct.add(r.text());
        }
        assertThat(distinct).hasSize(threads * perThread);
        assertThat(all).extracting(Replayed::segment).isSorted();
    }

    @Test
    void aClosedJournalRefusesAppends() throws Exception {
        LakeJournal journal = open();
        journal.close();

        assertThatThrownBy(() -> journal.append(bytes("late"))).isInstanceOf(IllegalStateException.class);
    }
}
