package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.domain.segment.SegmentType;
import com.platform.analytics.port.out.Outbox;
import com.platform.analytics.port.out.SegmentDefinitionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Segment definitions against a real (embedded) PostgreSQL migrated with the service's own migrations. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JooqSegmentDefinitionsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    static Path tempDir;

    private PostgresMetadata metadata;
    private JooqSegmentDefinitions store;

    @BeforeAll
    void start() {
        metadata = PostgresMetadata.open(PostgresConfig.embedded(tempDir.resolve("pg"), 0));
        store = new JooqSegmentDefinitions(metadata.dataSource());
    }

    @AfterAll
    void stop() {
        if (metadata != null) {
            metadata.close();
        }
    }

    @BeforeEach
    void empty() {
        for (SegmentDefinition d : store.findAll()) {
            store.delete(d.id());
        }
        // leased events of an earlier test would stay pending: start each test with an empty outbox
        DSL.using(metadata.dataSource(), SQLDialect.POSTGRES).execute("DELETE FROM outbox_events");
    }

    private static SegmentDraft whales(String name) {
        return SegmentDraft.fromJson(Json.parse("{\"name\":\"" + name + "\",\"displayNameRu\":\"Киты\",\"displayNameEn\":\"Whales\","
                + "\"descriptionRu\":\"платят много\",\"criteria\":{\"type\":\"AND\",\"conditions\":[{\"field\":"
                + "\"user.total_payments_sum_rub\",\"operator\":\">=\",\"value\":10000},{\"field\":\"user.country\","
                + "\"operator\":\"in\",\"value\":[\"RU\",\"O'Brien\\\\\"]}]},\"refreshSchedule\":\"0 4 * * *\"}"));
    }

    @Test
    void createdDefinitionsReadBackWhole() {
        SegmentDefinition created = store.create(whales("whales"), T0);
        SegmentDefinition beta = store.create(SegmentDraft.fromJson(Json.parse("{\"name\":\"beta\",\"type\":\"static\"}")), T0);

        assertThat(store.find(created.id())).contains(created);
        assertThat(created.draft()).isEqualTo(whales("whales"));
        assertThat(created.lastCalculatedAt()).isNull();
        assertThat(created.currentUserCount()).isNull();
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(beta.type()).isEqualTo(SegmentType.STATIC);
        assertThat(beta.draft().criteria()).isNull();
        assertThat(store.findAll()).extracting(SegmentDefinition::name).containsExactly("beta", "whales");
        assertThat(store.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aTakenNameIsRefusedNamingTheMember() {
        store.create(whales("whales"), T0);

        assertThatThrownBy(() -> store.create(whales("whales"), T0))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS);
                    assertThat(e.pointer()).contains("/name");
                });
    }

    @Test
    void updateReplacesTheDraftAndDeleteRemoves() {
        SegmentDefinition created = store.create(whales("whales"), T0);
        SegmentDraft renamed = whales("big_whales");

        Optional<SegmentDefinition> updated = store.update(created.id(), renamed, T0.plusSeconds(60));

        assertThat(updated).isPresent();
        assertThat(updated.get().draft()).isEqualTo(renamed);
        assertThat(updated.get().updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(updated.get().createdAt()).isEqualTo(T0);
        assertThat(store.update(UUID.randomUUID(), renamed, T0)).isEmpty();
        assertThat(store.delete(created.id())).isTrue();
        assertThat(store.delete(created.id())).isFalse();
        assertThat(store.find(created.id())).isEmpty();
    }

    @Test
    void aRefreshIsRecordedWithItsAnnouncementInOneTransaction() {
        SegmentDefinition created = store.create(whales("whales"), T0);
        Instant at = T0.plusSeconds(3600);
        OutgoingEvent announcement = OutgoingEvent.of(OutgoingEvent.SEGMENT_UPDATED, created.id().toString(), at,
                Map.of("segmentId", created.id().toString(), "segmentName", "whales", "userCount", 42L,
                        "calculationTimestamp", at.toString()));

        SegmentDefinition recorded = store.recordRefresh(created.id(), at, 42, Optional.of(announcement)).orElseThrow();
        store.recordRefresh(created.id(), at.plusSeconds(60), 42, Optional.empty()).orElseThrow();

        assertThat(recorded.lastCalculatedAt()).isEqualTo(at);
        assertThat(recorded.currentUserCount()).isEqualTo(42L);
        assertThat(store.find(created.id()).orElseThrow().lastCalculatedAt()).isEqualTo(at.plusSeconds(60));
        assertThat(metadata.outbox().lease(10, Duration.ofSeconds(30))).extracting(Outbox.Pending::event)
                .containsExactly(announcement);
    }

    @Test
    void aDeletedSegmentsRefreshIsNeitherRecordedNorAnnounced() {
        UUID gone = UUID.randomUUID();
        OutgoingEvent announcement = OutgoingEvent.of(OutgoingEvent.SEGMENT_UPDATED, gone.toString(), T0, Map.of("segmentId", gone.toString()));

        assertThat(store.recordRefresh(gone, T0, 1, Optional.of(announcement))).isEmpty();
        assertThat(metadata.outbox().pendingCount()).isZero();
    }

    @Test
    void aFailedRefreshIsKeptUntilARefreshSucceeds() {
        SegmentDefinition created = store.create(whales("whales-failing"), T0);
        assertThat(store.lastRefreshFailure(created.id())).isEmpty();

        store.recordRefreshFailure(created.id(), T0.plusSeconds(10), "ClickHouse failed: Code: 241. MEMORY_LIMIT_EXCEEDED");
        // as another process (after a restart) would read it
        assertThat(new JooqSegmentDefinitions(metadata.dataSource()).lastRefreshFailure(created.id()))
                .contains(new SegmentDefinitionStore.RefreshFailure(T0.plusSeconds(10), "ClickHouse failed: Code: 241. MEMORY_LIMIT_EXCEEDED"));

        store.recordRefresh(created.id(), T0.plusSeconds(20), 7, Optional.empty()).orElseThrow();
        assertThat(store.lastRefreshFailure(created.id())).isEmpty();
        assertThat(store.lastRefreshFailure(UUID.randomUUID())).isEmpty();
    }
}
