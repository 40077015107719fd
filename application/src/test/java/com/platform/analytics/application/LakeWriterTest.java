package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.application.OutboxRelayTest.MutableClock;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rolling lake writer over an in-memory store and journal: what reaches the lake, when, and that no event is
 * lost or doubled through rolling, failed writes, crashes and concurrent appends.
 */
class LakeWriterTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:34:56Z");
    private static final String LOGINS = "raw_events/service_name=auth-service/event_type=com.platform.auth.user.logged_in.v1/"
            + "year=2026/month=03/day=15/hour=10/";
    private static final String PURCHASES = "raw_events/service_name=payment-service/event_type="
            + "com.platform.payment.transaction.completed.v1/year=2026/month=03/day=14/hour=23/";

    private final MutableClock clock = new MutableClock(NOW);
    private final FlakyObjectStore store = new FlakyObjectStore();
    private final InMemoryLakeJournal journal = new InMemoryLakeJournal();
    private final List<LakeWriter> writers = new ArrayList<>();

    private LakeWriter writer(LakeWriter.Settings settings) {
        LakeWriter w = new LakeWriter(store, journal, clock, settings);
        writers.add(w);
        return w;
    }

    private LakeWriter writer() {
        return writer(LakeWriter.Settings.defaults());
    }

    @AfterEach
    void stopRollers() {
        store.down(false);
        writers.forEach(LakeWriter::close);
    }

    // ------------------------------------------------------------------ events

    private static LakeWriter.Entry login(String id, String time) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", "p-" + id);
        data.put("platform", "pc");
        return LakeWriter.Entry.of(new CloudEvent("1.0", id, "/auth-service", "com.platform.auth.user.logged_in.v1", time,
                Instant.parse(time), "p-" + id, null, null, data, null));
    }

    private static LakeWriter.Entry purchase(String id, String time) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", "p-" + id);
        data.put("amount", Map.of("value", "10.00", "currency", "RUB"));
        return LakeWriter.Entry.of(new CloudEvent("1.0", id, "/payment-service", "com.platform.payment.transaction.completed.v1",
                time, Instant.parse(time), null, null, null, data, null));
    }

    private static List<LakeWriter.Entry> logins(String prefix, int n) {
        List<LakeWriter.Entry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(login(prefix + i, "2026-03-15T10:" + String.format("%02d", i % 60) + ":00Z"));
        }
        return out;
    }

    private static String line(LakeWriter.Entry e) {
        StringBuilder sb = new StringBuilder();
        e.event().writeJson(sb, e.dataJson());
        return sb.toString();
    }

    // ------------------------------------------------------------------ reading the lake

    private List<String> linesOf(String key) {
        byte[] bytes = store.get(key).orElseThrow();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            return List.of(text.split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line in the lake under a prefix, object by object in key order. */
    private List<String> linesUnder(String prefix) {
        List<String> out = new ArrayList<>();
        store.list(prefix).forEach(k -> out.addAll(linesOf(k)));
        return out;
    }

    /** How often each event id appears in the whole lake. */
    private Map<String, Integer> idCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (String l : linesUnder("raw_events/")) {
            counts.merge((String) ((Map<?, ?>) Json.parse(l)).get("id"), 1, Integer::sum);
        }
        return counts;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void appendIsDurableInTheJournalAndWritesNoObjectYet() {
        LakeWriter w = writer();
        w.append(List.of(login("a", "2026-03-15T10:00:00Z"), purchase("b", "2026-03-14T23:59:59Z")));

        assertThat(journal.appends()).as("one journal record per call").isEqualTo(1);
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void objectsAreGzipNdjsonPerPartitionHoldingExactlyTheAppendedLines() {
        LakeWriter w = writer();
        List<LakeWriter.Entry> first = List.of(login("a1", "2026-03-15T10:00:00Z"), purchase("p1", "2026-03-15T02:30:00+03:00"),
                login("a2", "2026-03-15T10:59:59.999Z"));
        List<LakeWriter.Entry> second = List.of(login("a3", "2026-03-15T10:30:00Z"));
        w.append(first);
        w.append(second);
        w.flush();

        assertThat(store.list("raw_events/")).hasSize(2);
        assertThat(store.list(LOGINS)).singleElement().asString().matches(
                java.util.regex.Pattern.quote(LOGINS) + "[0-9a-f-]{36}\\.json\\.gz");
        assertThat(linesOf(store.list(LOGINS).get(0)))
                .containsExactly(line(first.get(0)), line(first.get(2)), line(second.get(0)));
        // 02:30 at +03:00 is 23:30 UTC the day before: partitioned by UTC hour, the time kept as sent
        assertThat(linesOf(store.list(PURCHASES).get(0))).containsExactly(line(first.get(1)));
        assertThat(linesOf(store.list(PURCHASES).get(0)).get(0)).contains("\"time\":\"2026-03-15T02:30:00+03:00\"");
    }

    @Test
    void aPartitionIsWrittenAsSoonAsItsCompressedBufferReachesTheObjectSize() {
        LakeWriter w = writer(new LakeWriter.Settings(4 << 10, 1 << 20, Duration.ofHours(1)));
        int appended = 0;
        while (store.list(LOGINS).isEmpty()) {
            w.append(logins("s" + appended + "-", 20));
            appended += 20;
            assertThat(appended).as("4 KiB compressed needs far fewer events").isLessThan(20_000);
        }
        // the other partition, small, waits
        w.append(List.of(purchase("p1", "2026-03-14T23:00:00Z")));
        assertThat(store.list(PURCHASES)).isEmpty();
        String rolled = store.list(LOGINS).get(0);
        // the size counts what the deflater has emitted: it holds back some tens of KiB, at most its window and
        // pending output, so an object exceeds the limit by at most that (nothing next to 64 MiB)
        assertThat(store.get(rolled).orElseThrow().length).isGreaterThanOrEqualTo(4 << 10).isLessThan((4 << 10) + (128 << 10));
        assertThat(linesOf(rolled)).hasSize(appended);

        w.flush();
        assertThat(idCounts()).hasSize(appended + 1).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void aPartitionIsWrittenOnceItsFirstEventIsMaxAgeOld() {
        LakeWriter w = writer(new LakeWriter.Settings(64 << 20, 256 << 20, Duration.ofSeconds(60)));
        w.append(List.of(login("a1", "2026-03-15T10:00:00Z")));
        clock.advance(Duration.ofSeconds(30));
        w.append(List.of(purchase("p1", "2026-03-14T23:00:00Z"), login("a2", "2026-03-15T10:01:00Z")));

        clock.advance(Duration.ofSeconds(29));
        w.rollDue();
        assertThat(store.list("raw_events/")).as("59 s: nothing due").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        w.rollDue();
        assertThat(store.list("raw_events/")).as("the logins' buffer is 60 s old, the purchases' 30 s")
                .singleElement().asString().startsWith(LOGINS);
        assertThat(linesUnder(LOGINS)).hasSize(2);

        clock.advance(Duration.ofSeconds(30));
        w.rollDue();
        assertThat(linesUnder(PURCHASES)).hasSize(1);
        assertThat(store.list("raw_events/")).hasSize(2);
    }

    @Test
    void beyondTheMemoryBoundTheLargestBuffersAreWrittenFirst() {
        LakeWriter w = writer(new LakeWriter.Settings(1 << 20, 6 << 10, Duration.ofHours(1)));
        w.append(List.of(purchase("p1", "2026-03-14T23:00:00Z")));
        int appended = 0;
        while (store.list(LOGINS).isEmpty()) {
            w.append(logins("m" + appended + "-", 20));
            appended += 20;
            assertThat(appended).isLessThan(20_000);
        }
        assertThat(store.list(PURCHASES)).as("the small buffer is kept").isEmpty();
    }

    @Test
    void segmentsAreDeletedOnlyOnceTheirEventsAreInWrittenObjects() {
        LakeWriter w = writer(new LakeWriter.Settings(64 << 20, 256 << 20, Duration.ofSeconds(60)));
        w.append(List.of(login("a1", "2026-03-15T10:00:00Z")));
        long firstSegment = journal.currentSegment();
        clock.advance(Duration.ofSeconds(40));
        w.rollDue(); // nothing due: the journal rotates but keeps the segment
        w.append(List.of(purchase("p1", "2026-03-14T23:00:00Z")));

        assertThat(journal.recordsPerSegment()).containsKey(firstSegment).hasSize(2);

        clock.advance(Duration.ofSeconds(20));
        w.rollDue(); // the logins are written; the purchases' segment is still needed
        assertThat(linesUnder(LOGINS)).hasSize(1);
        assertThat(journal.recordsPerSegment()).doesNotContainKey(firstSegment);
        assertThat(journal.recordsPerSegment().values()).containsExactly(1, 0);

        store.down(true);
        clock.advance(Duration.ofSeconds(60));
        w.rollDue(); // due, but the write fails: the segment stays
        assertThat(journal.recordsPerSegment().values()).contains(1);

        store.down(false);
        w.rollDue();
        assertThat(linesUnder(PURCHASES)).hasSize(1);
        assertThat(journal.recordsPerSegment().values()).as("only the empty current segment remains").containsExactly(0);
    }

    @Test
    void aFailedWriteIsRetriedAndLosesNothing() {
        LakeWriter w = writer(new LakeWriter.Settings(64 << 20, 256 << 20, Duration.ofSeconds(10)));
        w.append(logins("a", 50));
        w.append(List.of(purchase("p1", "2026-03-14T23:00:00Z")));
        store.down(true);
        clock.advance(Duration.ofSeconds(10));

        assertThat(w.rollDue()).isFalse();
        assertThatThrownBy(w::flush).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
        assertThat(store.refused()).isGreaterThanOrEqualTo(2);
        assertThat(store.list("")).isEmpty();
        w.append(logins("b", 10)); // still taking events meanwhile

        store.down(false);
        assertThat(w.rollDue()).isTrue();
        w.flush();
        Map<String, Integer> counts = idCounts();
        assertThat(counts).hasSize(61).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void appendsAreRefusedBeforeJournalingWhileUnwrittenObjectsExceedTheMemoryBound() {
        LakeWriter w = writer(new LakeWriter.Settings(2 << 10, 4 << 10, Duration.ofHours(1)));
        store.down(true);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                w.append(logins("r" + i + "-", 20));
            }
        }).isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
        int journaled = journal.appends();

        assertThatThrownBy(() -> w.append(logins("refused", 1))).isInstanceOf(AnalyticsException.class);
        assertThat(journal.appends()).as("a refused append journals nothing").isEqualTo(journaled);

        store.down(false);
        w.flush();
        w.append(logins("again", 1));
        w.flush();
        assertThat(idCounts()).hasSize(journaled * 20 + 1).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void recoveryAfterACrashPutsEveryJournaledEventIntoTheLake() {
        LakeWriter crashed = new LakeWriter(store, journal, clock, new LakeWriter.Settings(4 << 10, 1 << 20, Duration.ofHours(1)));
        int appended = 0;
        while (store.list(LOGINS).isEmpty()) {
            crashed.append(logins("c" + appended + "-", 20));
            appended += 20;
        }
        crashed.append(List.of(purchase("p1", "2026-03-14T23:00:00Z")));
        int inObjectsBeforeCrash = linesUnder("raw_events/").size();
        assertThat(inObjectsBeforeCrash).isPositive().isLessThan(appended + 1);
        // the process dies here: no flush, no close; the journal's records are what survived
        journal.reopen();

        LakeWriter restarted = writer();
        long recovered = restarted.recover();

        assertThat(recovered).isEqualTo(appended + 1);
        Map<String, Integer> counts = idCounts();
        assertThat(counts).as("every event is in the lake").hasSize(appended + 1);
        // the events already written before the crash (their segment not yet deleted) are written again: repeats
        // that readers drop by (source, id)
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(appended + 1 + inObjectsBeforeCrash);
        assertThat(journal.recordsPerSegment().values()).as("the replayed segments are deleted").containsExactly(0);

        // a second restart finds nothing left to recover
        journal.reopen();
        assertThat(writer().recover()).isZero();
    }

    @Test
    void recoveryWhileTheStoreIsDownKeepsTheEventsForTheRoller() {
        LakeWriter crashed = new LakeWriter(store, journal, clock, LakeWriter.Settings.defaults());
        crashed.append(logins("d", 5));
        journal.reopen();
        store.down(true);

        LakeWriter restarted = writer();
        assertThat(restarted.recover()).isEqualTo(5);
        assertThat(journal.recordsPerSegment().values()).contains(1);

        store.down(false);
        assertThat(restarted.rollDue()).isTrue();
        assertThat(idCounts()).hasSize(5).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(journal.recordsPerSegment().values()).containsExactly(0);
    }

    /**
     * Appends from four threads while a thread calls {@link LakeWriter#rollDue} with a clock moving 5 ms a round;
     * small objects and a short age, so that rolling by size, by memory and by age all happen meanwhile.
     *
     * @return the ids appended
     */
    private List<String> appendConcurrentlyWhileRolling(LakeWriter w) throws Exception {
        int threads = 4;
        int calls = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        List<String> expected = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appenders.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int c = 0; c < calls; c++) {
                        if (c == calls / 2) {
                            // half-way, until the roller has written a few objects: the second half of the appends
                            // then always meets rolls, however the threads happened to be scheduled so far
                            awaitObjects(3);
                        }
                        List<LakeWriter.Entry> batch = new ArrayList<>();
                        int n = 1 + random.nextInt(12);
                        for (int i = 0; i < n; i++) {
                            String id = "t" + thread + "-c" + c + "-" + i;
                            batch.add(random.nextBoolean() ? login(id, "2026-03-15T10:00:00Z")
                                    : purchase(id, "2026-03-14T23:" + String.format("%02d", random.nextInt(60)) + ":00Z"));
                            expected.add(id);
                        }
                        w.append(batch);
                    }
                    return null;
                }));
            }
            AtomicBoolean appending = new AtomicBoolean(true);
            Future<?> roller = pool.submit(() -> {
                while (appending.get()) {
                    clock.advance(Duration.ofMillis(5));
                    w.rollDue();
                    Thread.sleep(1);
                }
                return null;
            });
            for (Future<?> f : appenders) {
                f.get();
            }
            appending.set(false);
            roller.get();
        } finally {
            pool.shutdownNow();
        }
        return expected;
    }

    /** Waits (at most 30 s) until the store holds {@code n} objects or more. */
    private void awaitObjects(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.list("raw_events/").size() < n && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static LakeWriter.Settings tinyObjects() {
        return new LakeWriter.Settings(3 << 10, 12 << 10, Duration.ofMillis(20));
    }

    @Test
    void concurrentAppendsWhileTheRollerRunsLoseAndDoubleNothing() throws Exception {
        LakeWriter w = writer(tinyObjects());
        w.start(); // its own rounds too, beside the test's

        List<String> expected = appendConcurrentlyWhileRolling(w);
        int objectsBeforeClose = store.list("raw_events/").size();
        w.close();

        Map<String, Integer> counts = idCounts();
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(objectsBeforeClose).as("objects were rolled while appending").isGreaterThan(2);
        assertThat(journal.recordsPerSegment().values()).as("all written: only the empty current segment").containsExactly(0);
    }

    @Test
    void aCrashAfterConcurrentAppendsAndRollsLosesNothing() throws Exception {
        // the journal segments deleted while appends and rolls interleave must never hold an event that is only
        // in memory: after the crash, the objects written plus the journal's replay hold every event
        journal.slowAppends(true);
        LakeWriter crashed = new LakeWriter(store, journal, clock, tinyObjects());
        List<String> expected = appendConcurrentlyWhileRolling(crashed);
        journal.reopen();

        writer().recover();

        assertThat(idCounts().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void journalRecordsRoundTrip() {
        Map<String, byte[]> partitions = new LinkedHashMap<>();
        partitions.put("raw_events/a/", "{\"x\":1}\n".getBytes(StandardCharsets.UTF_8));
        partitions.put("raw_events/\u00e9/", new byte[0]);

        Map<String, byte[]> back = LakeWriter.decode(LakeWriter.encode(partitions));

        assertThat(back.keySet()).containsExactly("raw_events/a/", "raw_events/\u00e9/");
        assertThat(back.get("raw_events/a/")).isEqualTo(partitions.get("raw_events/a/"));
        assertThatThrownBy(() -> LakeWriter.decode(new byte[] {1, 2, 3, 4, 0, 0, 0, 0}))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> new LakeWriter.Settings(0, 1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LakeWriter.Settings(1, 0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LakeWriter.Settings(1, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(LakeWriter.Settings.defaults()).isEqualTo(new LakeWriter.Settings(64L << 20, 256L << 20, Duration.ofSeconds(60)));
    }
}
