package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.privacy.AuditEntry;
import com.platform.analytics.domain.privacy.PseudonymizationKey;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.domain.privacy.RealIdCipher;
import com.platform.analytics.domain.privacy.VaultKey;
import com.platform.analytics.domain.segment.SegmentCriteria;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.port.in.SegmentRealIdExportUseCase;
import com.platform.analytics.port.in.SegmentRealIdExportUseCase.RealIdExport;
import com.platform.analytics.port.in.SegmentRealIdExportUseCase.RealIdPair;
import com.platform.analytics.port.out.SegmentEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The audited export with hand-written fakes of the segment store, the warehouse engine, the vault and the audit log. */
class RealIdExportServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:34:56Z");
    private static final String PURPOSE = "spring newsletter delivery";

    private final SettableClock clock = new SettableClock(NOW);
    private final Pseudonymizer pseudonymizer = new Pseudonymizer(
            new PseudonymizationKey("t1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    private final RealIdCipher cipher = new RealIdCipher(new VaultKey("v1", "fedcba9876543210fedcba9876543210"
            .getBytes(StandardCharsets.US_ASCII)));
    private final InMemorySegments.Store store = new InMemorySegments.Store();
    private final InMemorySegments.Engine engine = new InMemorySegments.Engine();
    private final SegmentService segments = new SegmentService(store, engine, pseudonymizer, clock);
    private final InMemoryPseudonymVault vault = new InMemoryPseudonymVault();
    private final InMemoryAccessAuditLog audit = new InMemoryAccessAuditLog();
    private final RealIdExportService service = exportService(engine);

    private RealIdExportService exportService(SegmentEngine members) {
        return new RealIdExportService(store, members, vault, cipher, audit, new AccessPolicy(), clock);
    }

    private static Principal exporter() {
        return new Principal("crm-delivery", Set.of(Role.MARKETING_MANAGER), Set.of(Permission.EXPORT_REAL_USER_IDS),
                Optional.empty());
    }

    /** A static segment with these real users as members. */
    private UUID segmentOf(List<String> realIds) {
        UUID id = segments.create(SegmentDraft.fromJson(Json.parse("{\"name\":\"beta-" + UUID.randomUUID() + "\",\"type\":\"static\"}"))).id();
        segments.uploadMembers(id, realIds);
        return id;
    }

    /** The vault as ingestion leaves it after seeing these users. */
    private void ingested(List<String> realIds) {
        new RealIdRecording(vault, cipher).remember(realIds.stream().collect(java.util.stream.Collectors.toMap(
                pseudonymizer::pseudonym, r -> r)));
    }

    @Test
    void anExportGivesEachKnownMemberItsRealIdReportsTheOthersAndIsAuditedOnce() {
        UUID id = segmentOf(List.of("alice", "bob", "carol", "dave"));
        ingested(List.of("alice", "carol", "dave", "eve-not-a-member"));

        RealIdExport export = service.export(exporter(), id, "  " + PURPOSE + " ");

        assertThat(export.segmentId()).isEqualTo(id);
        assertThat(export.exportedAt()).isEqualTo(NOW);
        assertThat(export.members()).isEqualTo(4);
        assertThat(export.pairs()).containsExactlyInAnyOrder(
                new RealIdPair(pseudonymizer.pseudonym("alice"), "alice"),
                new RealIdPair(pseudonymizer.pseudonym("carol"), "carol"),
                new RealIdPair(pseudonymizer.pseudonym("dave"), "dave"));
        assertThat(export.pairs()).extracting(RealIdPair::pseudonym).isSorted();
        assertThat(export.missingPseudonyms()).containsExactly(pseudonymizer.pseudonym("bob"));
        assertThat(export.missingCount()).isEqualTo(1);
        assertThat(audit.entries).containsExactly(new AuditEntry("crm-delivery", NOW,
                SegmentRealIdExportUseCase.EXPORT_ACTION, "segment:" + id, 3, PURPOSE));
    }

    @Test
    void withoutTheDedicatedPermissionEvenAPlatformAdminIsRefusedAndTheAttemptAudited() {
        UUID id = segmentOf(List.of("alice"));
        ingested(List.of("alice"));
        Principal admin = new Principal("root-admin", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty());
        Principal marketing = new Principal("mkt-1", Set.of(Role.MARKETING_MANAGER, Role.SERVICE), Set.of(), Optional.empty());

        assertDenied(() -> service.export(admin, id, PURPOSE));
        assertDenied(() -> service.export(marketing, id, PURPOSE));
        // refused before anything else: an unknown segment is refused the same way, and a blank purpose too
        assertDenied(() -> service.export(admin, UUID.randomUUID(), " "));

        assertThat(vault.lookups).hasValue(0);
        assertThat(audit.entries).hasSize(3).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(SegmentRealIdExportUseCase.REFUSED_ACTION);
            assertThat(e.recordCount()).isZero();
            assertThat(e.detail()).contains(Permission.EXPORT_REAL_USER_IDS.claim());
        });
        assertThat(audit.entries).extracting(AuditEntry::subject).containsExactly("root-admin", "mkt-1", "root-admin");
    }

    @Test
    void aCallerLimitedToOneDevelopersGamesIsRefusedEvenWithThePermission() {
        UUID id = segmentOf(List.of("alice"));
        Principal developer = new Principal("dev-7", Set.of(Role.DEVELOPER), Set.of(Permission.EXPORT_REAL_USER_IDS),
                Optional.of("developer-7"));

        assertDenied(() -> service.export(developer, id, PURPOSE));
        assertThat(vault.lookups).hasValue(0);
        assertThat(audit.entries).singleElement().extracting(AuditEntry::action).isEqualTo(SegmentRealIdExportUseCase.REFUSED_ACTION);
    }

    @Test
    void aRefusalStandsWhenTheAuditLogIsDown() {
        audit.failing = true;
        Principal admin = new Principal("root-admin", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty());

        assertDenied(() -> service.export(admin, UUID.randomUUID(), PURPOSE));
    }

    @Test
    void noAuditEntryNoRealIds() {
        UUID id = segmentOf(List.of("alice"));
        ingested(List.of("alice"));
        audit.failing = true;

        assertThatThrownBy(() -> service.export(exporter(), id, PURPOSE))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE))
                .hasMessageNotContaining("alice");
    }

    @Test
    void thePurposeIsRequiredOneLineAndAtMost200Characters() {
        UUID id = segmentOf(List.of("alice"));
        for (String bad : new String[] {null, "", "   ", "x".repeat(201), "line one\nline two", "nul\u0000"}) {
            assertThatThrownBy(() -> service.export(exporter(), id, bad)).as("purpose %s", bad)
                    .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
                        assertThat(e.pointer()).contains("/purpose");
                    });
        }
        assertThat(vault.lookups).hasValue(0);
        assertThat(audit.entries).isEmpty();
        // 200 characters (code points, not UTF-16 units) is fine
        assertThat(service.export(exporter(), id, "ё".repeat(150) + "😀".repeat(50)).members()).isEqualTo(1);
    }

    @Test
    void anUnknownSegmentIsNotFoundAndNothingIsAudited() {
        assertThatThrownBy(() -> service.export(exporter(), UUID.randomUUID(), PURPOSE))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SEGMENT_DEFINITION_NOT_FOUND));
        assertThat(audit.entries).isEmpty();
    }

    @Test
    void anEntryThatDoesNotDecryptFailsTheWholeExport() {
        UUID id = segmentOf(List.of("alice", "bob"));
        ingested(List.of("alice", "bob"));
        // bob's row replaced by alice's sealed id: the right key, the wrong pseudonym
        vault.rows.put(pseudonymizer.pseudonym("bob"), vault.rows.get(pseudonymizer.pseudonym("alice")));

        assertThatThrownBy(() -> service.export(exporter(), id, PURPOSE))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR))
                .hasMessageNotContaining("alice");
        assertThat(audit.entries).isEmpty();
    }

    @Test
    void aSegmentOfSeveralPagesIsExportedWhole() {
        List<String> users = IntStream.range(0, 2 * RealIdExportService.PAGE + 7).mapToObj(i -> "user-" + i).toList();
        UUID id = segmentOf(users);
        ingested(users);

        RealIdExport export = service.export(exporter(), id, PURPOSE);

        assertThat(export.members()).isEqualTo(users.size());
        assertThat(export.pairs()).hasSize(users.size()).extracting(RealIdPair::realUserId).containsExactlyInAnyOrderElementsOf(users);
        assertThat(export.missingPseudonyms()).isEmpty();
        assertThat(audit.entries).singleElement().extracting(AuditEntry::recordCount).isEqualTo((long) users.size());
    }

    @Test
    void aRefreshBetweenPagesIsNotMixedIntoTheExport() {
        List<String> before = IntStream.range(0, RealIdExportService.PAGE + 5).mapToObj(i -> "old-" + i).toList();
        // as many members as before: only the snapshot time tells the two apart
        List<String> after = IntStream.range(0, RealIdExportService.PAGE + 5).mapToObj(i -> "new-" + i).toList();
        UUID id = segmentOf(before);
        ingested(before);
        ingested(after);
        // a new snapshot after the first page was read
        SegmentEngine refreshedWhileRead = uploadingAfterTheFirstPage(id, List.of(after));

        RealIdExport export = exportService(refreshedWhileRead).export(exporter(), id, PURPOSE);

        // the snapshot current when the export began, whole: the replaced snapshot stays until the next refresh
        assertThat(export.pairs()).extracting(RealIdPair::realUserId).containsExactlyInAnyOrderElementsOf(before);
        assertThat(export.members()).isEqualTo(before.size());
    }

    @Test
    void whenTheSnapshotBeingReadIsDiscardedTheCurrentOneIsReadAgain() {
        List<String> first = IntStream.range(0, RealIdExportService.PAGE + 5).mapToObj(i -> "first-" + i).toList();
        List<String> second = List.of("second-a");
        List<String> third = IntStream.range(0, RealIdExportService.PAGE + 3).mapToObj(i -> "third-" + i).toList();
        UUID id = segmentOf(first);
        ingested(first);
        ingested(third);
        // two snapshots after the first page was read: the one being read is then discarded
        SegmentEngine refreshedTwiceWhileRead = uploadingAfterTheFirstPage(id, List.of(second, third));

        RealIdExport export = exportService(refreshedTwiceWhileRead).export(exporter(), id, PURPOSE);

        assertThat(export.pairs()).extracting(RealIdPair::realUserId).containsExactlyInAnyOrderElementsOf(third);
        assertThat(export.members()).isEqualTo(third.size());
    }

    @Test
    void aSegmentBeyondTheExportLimitIsRefusedAsTooLarge() {
        UUID id = segmentOf(List.of("alice"));
        SegmentDefinition recorded = store.rows.get(id);
        // the recorded count decides, before any member is read
        store.rows.put(id, new SegmentDefinition(id, recorded.draft(), recorded.lastCalculatedAt(),
                SegmentRealIdExportUseCase.MAX_EXPORT_MEMBERS + 1L, recorded.createdAt(), recorded.updatedAt()));

        assertThatThrownBy(() -> service.export(exporter(), id, PURPOSE))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS));
        assertThat(audit.entries).isEmpty();
    }

    /** The engine, with these uploads made (a minute apart) right after the first page of members is read. */
    private SegmentEngine uploadingAfterTheFirstPage(UUID id, List<List<String>> uploads) {
        return new DelegatingEngine(engine) {
            private boolean uploaded;

            @Override
            public List<String> members(UUID segmentId, Instant snapshot, long offset, int limit) {
                List<String> page = super.members(segmentId, snapshot, offset, limit);
                if (!uploaded) {
                    uploaded = true;
                    for (List<String> members : uploads) {
                        clock.now = clock.now.plusSeconds(60);
                        segments.uploadMembers(id, members);
                    }
                }
                return page;
            }
        };
    }

    private static void assertDenied(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE));
    }

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {
        volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** An engine passing every call on, for tests that change one answer. */
    private static class DelegatingEngine implements SegmentEngine {
        private final SegmentEngine inner;

        DelegatingEngine(SegmentEngine inner) {
            this.inner = inner;
        }

        @Override
        public Snapshot refresh(UUID segmentId, SegmentCriteria criteria, Instant at, Optional<Instant> current) {
            return inner.refresh(segmentId, criteria, at, current);
        }

        @Override
        public Snapshot replaceMembers(UUID segmentId, Collection<String> userIds, Instant at, Optional<Instant> current) {
            return inner.replaceMembers(segmentId, userIds, at, current);
        }

        @Override
        public List<String> members(UUID segmentId, Instant snapshot, long offset, int limit) {
            return inner.members(segmentId, snapshot, offset, limit);
        }

        @Override
        public boolean isMember(UUID segmentId, Instant snapshot, String userId) {
            return inner.isMember(segmentId, snapshot, userId);
        }

        @Override
        public void discardBefore(UUID segmentId, Instant keepFrom) {
            inner.discardBefore(segmentId, keepFrom);
        }

        @Override
        public void forget(UUID segmentId) {
            inner.forget(segmentId);
        }
    }
}
