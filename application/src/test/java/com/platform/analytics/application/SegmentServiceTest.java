package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.privacy.PseudonymizationKey;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.port.in.SegmentsUseCase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SegmentServiceTest {
    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final InMemorySegments.Store store = new InMemorySegments.Store();
    private final InMemorySegments.Engine engine = new InMemorySegments.Engine();
    private final Pseudonymizer pseudonymizer = new Pseudonymizer(
            new PseudonymizationKey("k1", "segment-service-test-secret-0123456789".getBytes(StandardCharsets.US_ASCII)));
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T03:00:00Z"));
    private final SegmentService service = new SegmentService(store, engine, pseudonymizer, clock);

    static SegmentDraft dynamic(String name, String schedule) {
        return SegmentDraft.fromJson(Json.parse("{\"name\":\"" + name + "\",\"criteria\":{\"field\":\"user.payments_count\","
                + "\"operator\":\">\",\"value\":0}" + (schedule == null ? "" : ",\"refreshSchedule\":\"" + schedule + "\"") + "}"));
    }

    @Test
    void aRefreshAnnouncesOnlyWhenMembershipChanged() {
        SegmentDefinition payers = service.create(dynamic("payers", null));
        engine.matching = Set.of("k1_a", "k1_b");

        SegmentsUseCase.RefreshOutcome first = service.refresh(payers.id());
        clock.advance(Duration.ofMinutes(1));
        SegmentsUseCase.RefreshOutcome unchanged = service.refresh(payers.id());
        engine.matching = Set.of("k1_a", "k1_c");
        clock.advance(Duration.ofMinutes(1));
        SegmentsUseCase.RefreshOutcome changed = service.refresh(payers.id());

        assertThat(first.announced()).isTrue();
        assertThat(unchanged.announced()).isFalse();
        assertThat(changed.announced()).isTrue();
        assertThat(changed.changedMembers()).isEqualTo(2);
        assertThat(changed.definition().lastCalculatedAt()).isEqualTo(clock.now);
        assertThat(changed.definition().currentUserCount()).isEqualTo(2L);
        assertThat(store.outbox).hasSize(2);
        OutgoingEvent event = store.outbox.get(1);
        assertThat(event.type()).isEqualTo(OutgoingEvent.SEGMENT_UPDATED);
        assertThat(event.subject()).isEqualTo(payers.id().toString());
        assertThat(event.data()).containsEntry("segmentId", payers.id().toString()).containsEntry("segmentName", "payers")
                .containsEntry("userCount", 2L).containsEntry("calculationTimestamp", clock.now.toString());
        assertThat(service.usersCount(payers.id())).isEqualTo(2);
    }

    @Test
    void aFailedRefreshKeepsThePreviousSnapshotAndSaysWhy() {
        SegmentDefinition payers = service.create(dynamic("payers", null));
        engine.matching = Set.of("k1_a");
        service.refresh(payers.id());
        engine.failure = new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "warehouse down");

        assertThatThrownBy(() -> service.refresh(payers.id())).isSameAs(engine.failure);

        assertThat(service.lastFailure(payers.id())).hasValueSatisfying(f -> assertThat(f.reason()).contains("warehouse down"));
        assertThat(store.lastRefreshFailure(payers.id())).as("kept in the metadata store, across restarts").isPresent();
        assertThat(service.members(payers.id(), 0, 10).userIds()).containsExactly("k1_a");
        engine.failure = null;
        service.refresh(payers.id());
        assertThat(service.lastFailure(payers.id())).isEmpty();
    }

    @Test
    void aChangeThatCouldNotBeRecordedIsAnnouncedByTheNextRefreshEvenAfterARestart() {
        SegmentDefinition payers = service.create(dynamic("payers", null));
        engine.matching = Set.of("k1_a");
        store.failRecording = new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "metadata down");

        assertThatThrownBy(() -> service.refresh(payers.id())).isInstanceOf(AnalyticsException.class);
        store.failRecording = null;
        // a new process, moments later: nothing remembered in memory, only the stores
        clock.advance(Duration.ofSeconds(5));
        SegmentService restarted = new SegmentService(store, engine, pseudonymizer, clock);
        SegmentsUseCase.RefreshOutcome next = restarted.refresh(payers.id());

        assertThat(next.changedMembers()).as("counted against the last announced snapshot (none)").isEqualTo(1);
        assertThat(next.announced()).isTrue();
        assertThat(store.outbox).hasSize(1);
        assertThat(restarted.refresh(payers.id()).announced()).as("recorded now: nothing more to announce").isFalse();
        assertThat(store.outbox).hasSize(1);
    }

    @Test
    void snapshotTimesOnlyGrowEvenWhenTheClockDoesNotAndTheReplacedSnapshotIsKeptOneRefreshLonger() {
        SegmentDefinition payers = service.create(dynamic("payers", null));
        engine.matching = Set.of("k1_a");
        Instant first = service.refresh(payers.id()).definition().lastCalculatedAt();
        engine.failure = new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "warehouse down");
        assertThatThrownBy(() -> service.refresh(payers.id())).isSameAs(engine.failure);
        engine.failure = null;
        engine.matching = Set.of("k1_a", "k1_b");

        // the clock stands still: each attempt, failed or not, gets the next millisecond
        SegmentsUseCase.RefreshOutcome second = service.refresh(payers.id());
        assertThat(second.definition().lastCalculatedAt()).isAfter(first);
        assertThat(second.changedMembers()).isEqualTo(1);
        assertThat(service.members(payers.id(), 0, 10).userIds()).containsExactly("k1_a", "k1_b");
        assertThat(service.usersCount(payers.id())).isEqualTo(2);
        assertThat(engine.snapshot(payers.id(), first)).as("replaced, kept for readers that named it").containsExactly("k1_a");

        clock.advance(Duration.ofMinutes(1));
        service.refresh(payers.id());
        assertThat(engine.snapshot(payers.id(), first)).as("discarded by the refresh after").isEmpty();
        assertThat(engine.snapshot(payers.id(), second.definition().lastCalculatedAt())).containsExactly("k1_a", "k1_b");
    }

    @Test
    void staticMembersArePseudonymizedOnTheWayIn() {
        SegmentDefinition beta = service.create(SegmentDraft.fromJson(Json.parse("{\"name\":\"beta\",\"type\":\"static\"}")));

        service.uploadMembers(beta.id(), List.of("user-1", "user-2", "user-1"));

        assertThat(service.members(beta.id(), 0, 10).userIds()).containsExactlyInAnyOrder(
                pseudonymizer.pseudonym("user-1"), pseudonymizer.pseudonym("user-2")).doesNotContain("user-1");
        assertThat(service.isMember(beta.id(), "user-2")).isTrue();
        assertThat(service.isMember(beta.id(), "user-3")).isFalse();
        assertThat(service.isMember(beta.id(), pseudonymizer.pseudonym("user-2"))).as("a pseudonym is not a real id").isFalse();
        assertThat(store.outbox).hasSize(1);
        assertThatThrownBy(() -> service.refresh(beta.id())).isInstanceOf(AnalyticsException.class).hasMessageContaining("static");
        assertThatThrownBy(() -> service.uploadMembers(beta.id(), List.of("ok", " ")))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.pointer()).contains("/userIds/1"));
    }

    @Test
    void unknownSegmentsAreNotFoundAndDeletionDropsSnapshots() {
        UUID unknown = UUID.randomUUID();
        for (Runnable call : List.<Runnable>of(() -> service.definition(unknown), () -> service.refresh(unknown),
                () -> service.usersCount(unknown), () -> service.members(unknown, 0, 10), () -> service.delete(unknown),
                () -> service.isMember(unknown, "u"), () -> service.update(unknown, dynamic("x", null)))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(AnalyticsException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SEGMENT_DEFINITION_NOT_FOUND));
        }
        SegmentDefinition payers = service.create(dynamic("payers", null));
        service.delete(payers.id());
        assertThat(engine.forgotten).containsExactly(payers.id());
    }

    @Test
    void pagesAreBounded() {
        SegmentDefinition payers = service.create(dynamic("payers", null));
        assertThatThrownBy(() -> service.members(payers.id(), -1, 10)).isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> service.members(payers.id(), 0, 0)).isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> service.members(payers.id(), 0, SegmentsUseCase.MAX_PAGE_SIZE + 1)).isInstanceOf(AnalyticsException.class);
    }
}
