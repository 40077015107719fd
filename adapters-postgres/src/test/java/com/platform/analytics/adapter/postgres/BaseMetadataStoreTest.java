package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.metric.BuiltInMetric;
import com.platform.analytics.domain.metric.Dimension;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.Outbox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metadata store's contract, whoever runs the PostgreSQL server: every mode's test extends this with its own
 * opened store. Each subclass gives the store of a freshly migrated database.
 */
abstract class BaseMetadataStoreTest {
    /** The store under test, open for the whole class. */
    protected abstract PostgresMetadata metadata();

    @BeforeEach
    void emptyOutbox() throws SQLException {
        try (Connection c = metadata().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM outbox_events");
            s.execute("DELETE FROM segment_definitions WHERE name LIKE 'outbox_test_%'");
        }
    }

    @Test
    void seedsExactlyTheFifteenBuiltInKpisWithTheirUnits() {
        List<MetricDefinition> all = metadata().metricDefinitions().findAll();

        assertThat(all).extracting(MetricDefinition::name).containsExactlyInAnyOrder(
                "dau", "wau", "mau", "stickiness", "new_users", "paying_users", "gross_revenue", "refunds",
                "net_revenue", "arpu", "arppu", "paying_conversion", "sessions", "avg_session_seconds",
                "playtime_seconds");
        for (MetricDefinition d : all) {
            BuiltInMetric builtIn = BuiltInMetric.byName(d.name()).orElseThrow();
            assertThat(d.unit()).as("unit of %s", d.name()).isEqualTo(builtIn.unit());
            assertThat(d.granularity()).isEqualTo("daily");
            assertThat(d.ownerService()).isEqualTo("analytics-service");
            assertThat(d.calculationMethod()).as("method of %s", d.name())
                    .isIn("count_distinct", "sum", "ratio", "average", "count");
            assertThat(d.displayNameEn()).isNotBlank();
            assertThat(d.descriptionRu()).isNotBlank();
            assertThat(d.descriptionEn()).isNotBlank();
            assertThat(d.dimensions()).as("dimensions of %s", d.name()).isNotEmpty()
                    .allSatisfy(dim -> assertThat(Dimension.parse(dim)).as(dim).isNotNull()
                            .extracting(Dimension::fieldName).isEqualTo(dim));
            assertThat(d.tags()).contains("built-in");
            assertThat(d.filters()).isEmpty();
            assertThat(d.createdAt()).isNotNull();
        }
        assertThat(all).extracting(MetricDefinition::name).isSorted();
    }

    @Test
    void findsADefinitionByName() throws NoSuchAlgorithmException {
        MetricDefinition revenue = metadata().metricDefinitions().findByName("gross_revenue").orElseThrow();

        assertThat(revenue.sourceEventType()).isEqualTo("com.platform.payment.transaction.completed.v1");
        assertThat(revenue.valueField()).isEqualTo("data.amount.value");
        assertThat(revenue.calculationMethod()).isEqualTo("sum");
        assertThat(revenue.metricType()).isEqualTo("counter");
        assertThat(revenue.unit()).isEqualTo("RUB");
        assertThat(revenue.dimensions()).containsExactly("gameId", "developerId", "country", "itemType", "campaignId");
        assertThat(revenue.tags()).containsExactly("built-in", "revenue", "monetization");
        assertThat(revenue.realtime()).isFalse();

        MetricDefinition dau = metadata().metricDefinitions().findByName("dau").orElseThrow();
        assertThat(dau.sourceEventType()).isNull();
        assertThat(dau.calculationMethod()).isEqualTo("count_distinct");
        assertThat(dau.dimensions()).containsExactlyInAnyOrder(
                Arrays.stream(Dimension.values()).map(Dimension::fieldName).toArray(String[]::new));
        assertThat(dau.descriptionEn()).contains("social.friend.added").contains("anonymousId");
        // name-based ids: the same on every installation
        assertThat(dau.id()).isEqualTo(nameBasedUuid("urn:platform:analytics:metric:dau"));

        assertThat(metadata().metricDefinitions().findByName("avg_session_seconds").orElseThrow().valueField())
                .isEqualTo("data.durationSeconds");
    }

    @Test
    void anUnknownNameIsNotFound() {
        assertThat(metadata().metricDefinitions().findByName("no_such_metric")).isEmpty();
        assertThat(metadata().metricDefinitions().findByName("DAU")).isEmpty();
    }

    @Test
    void anEventAppendedOnceIsAppendedOnceEvenAfterItWasPublished() throws Exception {
        JooqOutbox outbox = metadata().outbox();
        OutgoingEvent alert = segmentUpdated("a");
        assertThat(outbox.appendOnce(alert)).isTrue();
        assertThat(outbox.appendOnce(alert)).as("the same id again").isFalse();
        List<Outbox.Pending> leased = outbox.lease(10, Duration.ofSeconds(30));
        assertThat(leased).extracting(Outbox.Pending::event).containsExactly(alert);
        outbox.markPublished(leased.stream().map(Outbox.Pending::sequence).toList());
        assertThat(outbox.appendOnce(alert)).as("published events are remembered").isFalse();
        // two instances racing on one key: one appends
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            OutgoingEvent raced = segmentUpdated("b");
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> outbox.appendOnce(raced)));
            }
            int appended = 0;
            for (java.util.concurrent.Future<Boolean> r : results) {
                appended += r.get() ? 1 : 0;
            }
            assertThat(appended).isEqualTo(1);
            assertThat(outbox.pendingCount()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAppendedEventIsLeasedOnceThenPublished() {
        Outbox outbox = metadata().outbox();
        OutgoingEvent first = segmentUpdated("a");
        OutgoingEvent second = segmentUpdated("b");
        outbox.append(first);
        outbox.append(second);
        assertThat(outbox.pendingCount()).isEqualTo(2);

        List<Outbox.Pending> leased = outbox.lease(10, Duration.ofSeconds(30));

        assertThat(leased).extracting(Outbox.Pending::event).containsExactly(first, second);
        assertThat(leased.get(0).cloudEventJson()).isEqualTo(first.toCloudEventJson());
        assertThat(leased.get(0).sequence()).isLessThan(leased.get(1).sequence());
        assertThat(leased).extracting(Outbox.Pending::attempts).containsOnly(0);
        assertThat(outbox.lease(10, Duration.ofSeconds(30))).as("held by the first lease").isEmpty();

        outbox.markPublished(leased.stream().map(Outbox.Pending::sequence).toList());
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void anExpiredLeaseLetsAnotherRelayTakeTheEvent() throws InterruptedException {
        Outbox outbox = metadata().outbox();
        outbox.append(segmentUpdated("a"));
        assertThat(outbox.lease(10, Duration.ofMillis(1))).hasSize(1);
        Thread.sleep(20);
        assertThat(outbox.lease(10, Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void aFailedDeliveryWaitsForItsNextAttempt() {
        Outbox outbox = metadata().outbox();
        outbox.append(segmentUpdated("a"));
        Outbox.Pending p = outbox.lease(10, Duration.ofSeconds(30)).get(0);

        outbox.markFailed(p.sequence(), "broker down", Instant.now().plusSeconds(3600));
        assertThat(outbox.lease(10, Duration.ofSeconds(30))).as("not due for an hour").isEmpty();

        outbox.markFailed(p.sequence(), "broker down again", Instant.now().minusSeconds(1));
        List<Outbox.Pending> again = outbox.lease(10, Duration.ofSeconds(30));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).attempts()).isEqualTo(2);
        assertThat(outbox.pendingCount()).isEqualTo(1);
    }

    @Test
    void anEventExistsIfAndOnlyIfItsStateChangeCommitted() {
        var sql = DSL.using(metadata().dataSource(), SQLDialect.POSTGRES);
        OutgoingEvent committed = segmentUpdated("committed");
        sql.transaction(tx -> {
            tx.dsl().execute("INSERT INTO segment_definitions (name, display_name_ru, criteria, current_user_count) "
                    + "VALUES ('outbox_test_committed', 'тест', '{}'::jsonb, 42)");
            JooqOutbox.append(tx.dsl(), committed);
        });
        OutgoingEvent rolledBack = segmentUpdated("rolled-back");
        try {
            sql.transaction(tx -> {
                tx.dsl().execute("INSERT INTO segment_definitions (name, display_name_ru, criteria) "
                        + "VALUES ('outbox_test_rolled_back', 'тест', '{}'::jsonb)");
                JooqOutbox.append(tx.dsl(), rolledBack);
                throw new IllegalStateException("the state change fails after the append");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertThat(metadata().outbox().lease(10, Duration.ofSeconds(30))).extracting(Outbox.Pending::event)
                .containsExactly(committed);
        assertThat(sql.fetchOne("SELECT count(*) FROM segment_definitions WHERE name LIKE 'outbox_test_%'").get(0, Long.class))
                .isEqualTo(1L);
    }

    @Test
    void concurrentRelaysNeverLeaseTheSameEvent() throws Exception {
        Outbox outbox = metadata().outbox();
        Set<UUID> appended = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            OutgoingEvent e = segmentUpdated("s" + i);
            appended.add(e.id());
            outbox.append(e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<UUID>>> relays = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                relays.add(pool.submit(() -> {
                    List<UUID> mine = new ArrayList<>();
                    for (List<Outbox.Pending> batch; !(batch = outbox.lease(7, Duration.ofMinutes(1))).isEmpty(); ) {
                        batch.forEach(p -> mine.add(p.event().id()));
                        outbox.markPublished(batch.stream().map(Outbox.Pending::sequence).toList());
                    }
                    return mine;
                }));
            }
            List<UUID> all = new ArrayList<>();
            for (Future<List<UUID>> f : relays) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(200).doesNotHaveDuplicates();
            assertThat(new HashSet<>(all)).isEqualTo(appended);
        } finally {
            pool.shutdownNow();
        }
        assertThat(outbox.pendingCount()).isZero();
    }

    private static OutgoingEvent segmentUpdated(String name) {
        return OutgoingEvent.of(OutgoingEvent.SEGMENT_UPDATED, "segment-" + name, Instant.parse("2026-03-01T04:00:00.250Z"),
                Map.of("segmentName", name, "userCount", 15230L, "calculationTimestamp", "2026-03-01T04:00:00.250Z"));
    }

    /** RFC 4122 version 5 (SHA-1) UUID in the URL namespace, computed independently of PostgreSQL. */
    private static UUID nameBasedUuid(String name) throws NoSuchAlgorithmException {
        UUID namespace = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}
