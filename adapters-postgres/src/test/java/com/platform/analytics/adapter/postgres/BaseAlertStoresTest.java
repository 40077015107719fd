package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.alert.AlertEvent;
import com.platform.analytics.domain.alert.AlertRule;
import com.platform.analytics.domain.alert.AlertRuleDraft;
import com.platform.analytics.domain.alert.AlertSeverity;
import com.platform.analytics.domain.alert.AlertStatus;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert stores' contract against a real PostgreSQL, whoever runs the server: each mode's test extends this with its
 * own migrated store.
 */
abstract class BaseAlertStoresTest {
    static final Instant T0 = Instant.parse("2026-03-15T06:00:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-03-14");

    protected abstract PostgresMetadata metadata();

    private JooqAlertRules rules;
    private JooqAlertEvents events;

    @BeforeEach
    void emptyTables() throws Exception {
        rules = new JooqAlertRules(metadata().dataSource());
        events = new JooqAlertEvents(metadata().dataSource());
        try (Connection c = metadata().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM alert_rules");
            s.execute("DELETE FROM outbox_events");
        }
    }

    static AlertRuleDraft draft(String name) {
        return AlertRuleDraft.fromJson(Json.parseObject("{\"name\":\"" + name + "\",\"metric\":\"dau\",\"granularity\":\"day\","
                + "\"tz\":\"Europe/Moscow\",\"dimensions\":[\"platform\"],\"filters\":{\"country\":[\"RU\",\"O'Brien\\\\\"]},"
                + "\"condition\":{\"type\":\"anomaly\",\"periods\":8,\"zThreshold\":5.5,\"minHistory\":6},\"severity\":\"critical\","
                + "\"description\":\"DAU anomaly\"}"));
    }

    static AlertEvent firing(AlertRule rule, String seriesKey) {
        return new AlertEvent(UUID.randomUUID(), rule.id(), rule.name(), "dau", seriesKey,
                seriesKey.isEmpty() ? Map.of() : Map.of("platform", seriesKey.substring("platform=".length())), AlertStatus.FIRING,
                DAY, 7973, 13455, 13455.0, -27.14, AlertSeverity.CRITICAL, "dau is 7973 on 2026-03-14", T0, null);
    }

    static OutgoingEvent announcement(AlertEvent e) {
        return OutgoingEvent.of(OutgoingEvent.ALERT_TRIGGERED, e.ruleId().toString(), e.triggeredAt(),
                Map.of("alertId", e.id().toString(), "alertName", e.ruleName()));
    }

    private List<OutgoingEvent> announced() {
        // what a relay would publish now; marked published so the next look sees only what came since
        List<Outbox.Pending> pending = metadata().outbox().lease(100, Duration.ofSeconds(30));
        metadata().outbox().markPublished(pending.stream().map(Outbox.Pending::sequence).toList());
        return pending.stream().map(Outbox.Pending::event).toList();
    }

    @Test
    void rulesAreStoredReadBackWholeUpdatedAndDeleted() {
        AlertRule created = rules.create(draft("dau_anomaly"), T0);
        AlertRule other = rules.create(AlertRuleDraft.fromJson(Json.parseObject("{\"name\":\"a_threshold\",\"metric\":\"gross_revenue\","
                + "\"granularity\":\"week\",\"enabled\":false,\"condition\":{\"type\":\"threshold\",\"operator\":\"<\",\"value\":1.5}}")), T0);

        assertThat(rules.find(created.id())).contains(created);
        assertThat(created.draft()).isEqualTo(draft("dau_anomaly"));
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(rules.findAll()).containsExactly(other, created);
        assertThatThrownBy(() -> rules.create(draft("dau_anomaly"), T0)).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS);
            assertThat(e.pointer()).contains("/name");
        });

        AlertRule updated = rules.update(created.id(), draft("dau_anomaly_2"), T0.plusSeconds(60)).orElseThrow();
        assertThat(updated.name()).isEqualTo("dau_anomaly_2");
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(updated.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(rules.update(UUID.randomUUID(), draft("x"), T0)).isEmpty();
        assertThat(rules.delete(created.id())).isTrue();
        assertThat(rules.delete(created.id())).isFalse();
        assertThat(rules.find(created.id())).isEmpty();
    }

    @Test
    void anEventIsOpenedWithItsAnnouncementOnceThenResolvedAndMayOpenAgain() {
        AlertRule rule = rules.create(draft("dau_anomaly"), T0);
        AlertEvent first = firing(rule, "platform=pc");
        AlertEvent again = firing(rule, "platform=pc");
        AlertEvent otherSeries = firing(rule, "platform=mobile");

        assertThat(events.open(first, announcement(first))).contains(first);
        assertThat(events.open(again, announcement(again))).as("one FIRING event per series").isEmpty();
        assertThat(events.open(otherSeries, announcement(otherSeries))).contains(otherSeries);
        assertThat(events.firing(rule.id(), "platform=pc")).contains(first);
        assertThat(announced()).extracting(e -> e.data().get("alertId"))
                .containsExactly(first.id().toString(), otherSeries.id().toString());

        Instant resolvedAt = T0.plus(Duration.ofDays(1));
        assertThat(events.resolve(first.id(), resolvedAt)).contains(first.resolved(resolvedAt));
        assertThat(events.resolve(first.id(), resolvedAt)).as("resolved once").isEmpty();
        assertThat(events.firing(rule.id(), "platform=pc")).isEmpty();
        AlertEvent later = firing(rule, "platform=pc");
        assertThat(events.open(later, announcement(later))).contains(later);

        assertThat(events.list(Optional.empty(), 0, 10)).hasSize(3);
        assertThat(events.list(Optional.of(AlertStatus.RESOLVED), 0, 10)).containsExactly(first.resolved(resolvedAt));
        assertThat(events.list(Optional.of(AlertStatus.FIRING), 0, 10)).extracting(AlertEvent::id)
                .containsExactlyInAnyOrder(otherSeries.id(), later.id());
        assertThat(events.list(Optional.empty(), 2, 10)).hasSize(1);
    }

    @Test
    void eventsOfADeletedRuleAreNeitherOpenedNorAnnouncedAndGoWithTheirRule() {
        AlertRule rule = rules.create(draft("dau_anomaly"), T0);
        AlertEvent open = firing(rule, "");
        events.open(open, announcement(open));
        announced();
        rules.delete(rule.id());

        AlertEvent orphan = firing(rule, "");
        assertThat(events.open(orphan, announcement(orphan))).isEmpty();
        assertThat(events.list(Optional.empty(), 0, 10)).isEmpty();
        assertThat(metadata().outbox().pendingCount()).isZero();
    }

    @Test
    void evaluationsRacingToOpenTheSameAlertOpenOneEventAndAnnounceOnce() throws Exception {
        AlertRule rule = rules.create(draft("dau_anomaly"), T0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<AlertEvent>>> racers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    AlertEvent mine = firing(rule, "");
                    // each racer with its own store, as two service instances would have
                    JooqAlertEvents store = new JooqAlertEvents(metadata().dataSource());
                    racers.add(pool.submit(() -> {
                        start.await();
                        return store.open(mine, announcement(mine));
                    }));
                }
                start.countDown();
                List<Optional<AlertEvent>> results = new ArrayList<>();
                for (Future<Optional<AlertEvent>> f : racers) {
                    results.add(f.get(30, TimeUnit.SECONDS));
                }

                assertThat(results.stream().filter(Optional::isPresent)).as("round %d", round).hasSize(1);
                AlertEvent winner = results.stream().flatMap(Optional::stream).findFirst().orElseThrow();
                assertThat(announced()).as("round %d", round).extracting(e -> e.data().get("alertId"))
                        .containsExactly(winner.id().toString());
                events.resolve(winner.id(), T0.plusSeconds(round + 1));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(events.list(Optional.of(AlertStatus.RESOLVED), 0, 100)).hasSize(15);
    }

    @Test
    void anOpeningWaitsForAConcurrentUncommittedOneAndThenOpensNothing() throws Exception {
        AlertRule rule = rules.create(draft("dau_anomaly"), T0);
        AlertEvent late = firing(rule, "");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = metadata().dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("INSERT INTO alert_events (id, rule_id, rule_name, metric_name,"
                    + " series_key, status, period_start, observed_value, threshold_value, deviation, severity, description,"
                    + " triggered_at) VALUES (?, ?, 'dau_anomaly', 'dau', '', 'firing', DATE '2026-03-14', 1, 2, 3, 'info', 'x', now())")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, rule.id());
                insert.executeUpdate();
            }
            Future<Optional<AlertEvent>> waiting = pool.submit(() -> events.open(late, announcement(late)));
            Thread.sleep(300);
            assertThat(waiting).as("blocked on the unique index by the uncommitted event").isNotDone();
            other.commit();

            assertThat(waiting.get(30, TimeUnit.SECONDS)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertThat(metadata().outbox().pendingCount()).isZero();
        assertThat(events.list(Optional.empty(), 0, 10)).hasSize(1);
    }
}
