package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ParameterType;
import com.platform.analytics.domain.report.ReportDefinition;
import com.platform.analytics.domain.report.ReportInstance;
import com.platform.analytics.domain.report.ReportParameter;
import com.platform.analytics.domain.report.ReportSchedule;
import com.platform.analytics.domain.report.ReportSourceType;
import com.platform.analytics.domain.report.ReportStatus;
import com.platform.analytics.port.out.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The report stores against a freshly migrated database; each subclass gives one of the two servers. */
abstract class BaseReportStoresTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    protected abstract PostgresMetadata metadata();

    private JooqReportDefinitions definitions() {
        return new JooqReportDefinitions(metadata().dataSource());
    }

    private JooqReportInstances instances() {
        return new JooqReportInstances(metadata().dataSource());
    }

    @BeforeEach
    void empty() {
        DSL.using(metadata().dataSource(), SQLDialect.POSTGRES).execute("DELETE FROM report_instances");
        DSL.using(metadata().dataSource(), SQLDialect.POSTGRES).execute("DELETE FROM report_schedules");
        DSL.using(metadata().dataSource(), SQLDialect.POSTGRES).execute("DELETE FROM outbox_events");
    }

    @Test
    void theSeededDefinitionsAreValidAndScopedAsDeclared() {
        List<ReportDefinition> all = definitions().findAll();
        assertThat(all).extracting(ReportDefinition::name)
                .containsExactly("daily_kpi_digest", "game_activity_by_country_platform", "monthly_sales_summary");

        ReportDefinition sales = definitions().findByName("monthly_sales_summary").orElseThrow();
        assertThat(sales.sourceType()).isEqualTo(ReportSourceType.SQL_QUERY_CLICKHOUSE);
        assertThat(sales.availableToDevelopers()).isTrue();
        assertThat(sales.parameters()).containsExactly(
                new ReportParameter("developer_id", ParameterType.STRING, true, null, "Разработчик"),
                new ReportParameter("month", ParameterType.DATE, true, null, "Любой день месяца"));
        assertThat(sales.outputFormats()).containsExactly(OutputFormat.CSV, OutputFormat.JSON);
        assertThat(definitions().find(sales.id())).contains(sales);
        // a developer's own id is bound whatever the request says
        assertThat(sales.bind(Map.of("month", "2026-02-10"), DataScope.developer("dev-1")))
                .containsExactly(Map.entry("developer_id", "dev-1"), Map.entry("month", "2026-02-10"));

        ReportDefinition kpi = definitions().findByName("daily_kpi_digest").orElseThrow();
        assertThat(kpi.sourceType()).isEqualTo(ReportSourceType.PRE_AGGREGATED_METRICS);
        ReportDefinition activity = definitions().findByName("game_activity_by_country_platform").orElseThrow();
        assertThat(activity.availableToDevelopers()).isFalse();
        assertThat(activity.visibleTo(DataScope.developer("dev-1"))).isFalse();
        assertThat(definitions().findByName("nope")).isEmpty();
        assertThat(definitions().find(UUID.randomUUID())).isEmpty();
    }

    private ReportInstance requested(String subject, Optional<String> developer) {
        ReportDefinition sales = definitions().findByName("monthly_sales_summary").orElseThrow();
        return ReportInstance.requested(UUID.randomUUID(), sales, Map.of("developer_id", "dev-1", "month", "2026-02-01"),
                OutputFormat.JSON, T0, subject, developer, T0.plus(Duration.ofDays(7)));
    }

    @Test
    void anInstanceGoesThroughItsStatesOnceAndAnnouncesTheEnd() {
        JooqReportInstances store = instances();
        ReportInstance i = requested("dev-user", Optional.of("dev-1"));
        store.create(i);
        assertThat(store.find(i.id())).contains(i);
        assertThat(store.findByStatus(ReportStatus.REQUESTED)).containsExactly(i);

        assertThat(store.markGenerating(i.id(), T0.plusSeconds(1))).isTrue();
        assertThat(store.markGenerating(i.id(), T0.plusSeconds(2))).isFalse();
        assertThat(store.findByStatus(ReportStatus.GENERATING)).extracting(ReportInstance::id).containsExactly(i.id());

        OutgoingEvent done = OutgoingEvent.of(OutgoingEvent.REPORT_GENERATED, i.id().toString(), T0.plusSeconds(5),
                Map.of("reportInstanceId", i.id().toString(), "status", "completed"));
        assertThat(store.markCompleted(i.id(), T0.plusSeconds(5), i.objectKey(), 1234, done)).isTrue();
        // a late failure (a restart's recovery) does not overwrite a completed report, nor announce it again
        assertThat(store.markFailed(i.id(), T0.plusSeconds(6), "late", done)).isFalse();
        assertThat(store.markCancelled(i.id(), T0.plusSeconds(6), "late")).isFalse();

        ReportInstance read = store.find(i.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(ReportStatus.COMPLETED);
        assertThat(read.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(read.completedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(read.filePath()).isEqualTo("reports/report_instance_id=" + i.id() + "/monthly_sales_summary.jsonl");
        assertThat(read.fileSizeBytes()).isEqualTo(1234);
        assertThat(read.developerId()).contains("dev-1");
        assertThat(metadata().outbox().lease(10, Duration.ofSeconds(30))).extracting(Outbox.Pending::event).containsExactly(done);
    }

    @Test
    void expiredFilesAreListedUntilForgottenOnce() {
        JooqReportInstances store = instances();
        ReportInstance i = requested("admin", Optional.empty());
        store.create(i);
        store.markGenerating(i.id(), T0);
        store.markCompleted(i.id(), T0.plusSeconds(5), i.objectKey(), 10, OutgoingEvent.of(OutgoingEvent.REPORT_GENERATED,
                i.id().toString(), T0.plusSeconds(5), Map.of("status", "completed")));

        assertThat(store.expiredFiles(i.expiresAt().minusMillis(1), 1000)).extracting(ReportInstance::id).doesNotContain(i.id());
        assertThat(store.expiredFiles(i.expiresAt(), 1000)).extracting(ReportInstance::id).contains(i.id());
        assertThat(store.forgetFile(i.id())).isTrue();
        assertThat(store.forgetFile(i.id())).as("once").isFalse();
        assertThat(store.expiredFiles(i.expiresAt().plusSeconds(60), 1000)).extracting(ReportInstance::id).doesNotContain(i.id());
        ReportInstance read = store.find(i.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(ReportStatus.COMPLETED);
        assertThat(read.filePath()).isNull();
        assertThat(read.fileSizeBytes()).isNull();
    }

    @Test
    void failingAndCancellingApplyOnlyFromTheStatesTheyLeave() {
        JooqReportInstances store = instances();
        ReportInstance stuck = requested("00000000-0000-0000-0000-00000000000a", Optional.empty());
        ReportInstance queued = requested("admin", Optional.empty());
        store.create(stuck);
        store.create(queued);
        store.markGenerating(stuck.id(), T0);

        OutgoingEvent failed = OutgoingEvent.of(OutgoingEvent.REPORT_GENERATED, stuck.id().toString(), T0,
                Map.of("status", "failed"));
        assertThat(store.markFailed(stuck.id(), T0.plusSeconds(3), "interrupted by a restart", failed)).isTrue();
        assertThat(store.markCancelled(queued.id(), T0.plusSeconds(3), "queue full")).isTrue();
        assertThat(store.markGenerating(queued.id(), T0.plusSeconds(4))).isFalse();

        assertThat(store.find(stuck.id()).orElseThrow().errorMessage()).isEqualTo("interrupted by a restart");
        assertThat(store.find(stuck.id()).orElseThrow().status()).isEqualTo(ReportStatus.FAILED);
        assertThat(store.find(queued.id()).orElseThrow().status()).isEqualTo(ReportStatus.CANCELLED);
        assertThat(store.find(queued.id()).orElseThrow().developerId()).isEmpty();
        assertThat(store.findByStatus(ReportStatus.GENERATING)).isEmpty();
        assertThat(metadata().outbox().pendingCount()).isEqualTo(1);
        assertThat(DSL.using(metadata().dataSource(), SQLDialect.POSTGRES).fetchOne(
                "SELECT requested_by_user_id::text FROM report_instances WHERE id = ?", stuck.id()).get(0))
                .isEqualTo("00000000-0000-0000-0000-00000000000a");
    }

    @Test
    void onlyWhatNobodyBeatsOnIsAbandonedAndTheBeatRecordsItsOwner() {
        JooqReportInstances store = instances();
        ReportInstance alive = requested("admin", Optional.empty());
        ReportInstance dead = requested("admin", Optional.empty());
        ReportInstance neverBeaten = requested("admin", Optional.empty());
        ReportInstance done = requested("admin", Optional.empty());
        for (ReportInstance i : List.of(alive, dead, neverBeaten, done)) {
            store.create(i);
        }
        store.markGenerating(alive.id(), T0);
        store.markGenerating(dead.id(), T0);
        store.markGenerating(done.id(), T0);
        store.markCompleted(done.id(), T0.plusSeconds(1), done.objectKey(), 1, OutgoingEvent.of(OutgoingEvent.REPORT_GENERATED,
                done.id().toString(), T0, Map.of("status", "completed")));
        store.heartbeat(List.of(dead.id()), "host-b", T0.plusSeconds(10));
        store.heartbeat(List.of(alive.id(), done.id()), "host-a", T0.plusSeconds(100));
        store.heartbeat(List.of(), "host-a", T0.plusSeconds(100));

        // dead beat last at +10 s, neverBeaten counts from its request (T0), alive beat at +100 s; done is finished
        assertThat(store.abandoned(T0.plusSeconds(60))).extracting(ReportInstance::id)
                .containsExactlyInAnyOrder(dead.id(), neverBeaten.id());
        assertThat(store.abandoned(T0)).isEmpty();
        assertThat(DSL.using(metadata().dataSource(), SQLDialect.POSTGRES).fetch(
                "SELECT id::text, owner_instance FROM report_instances WHERE owner_instance IS NOT NULL ORDER BY owner_instance")
                .map(r -> r.get(0) + "=" + r.get(1))).containsExactly(alive.id() + "=host-a", dead.id() + "=host-b");
    }

    @Test
    void aScheduleReadsBackWholeAndAFireIsTakenOnce() {
        JooqReportSchedules store = new JooqReportSchedules(metadata().dataSource());
        ReportDefinition sales = definitions().findByName("monthly_sales_summary").orElseThrow();
        ReportDefinition digest = definitions().findByName("daily_kpi_digest").orElseThrow();
        ReportSchedule mine = new ReportSchedule(UUID.randomUUID(), sales.id(), sales.name(),
                com.platform.analytics.domain.schedule.CronSchedule.parse("0 3 1 * *", java.time.ZoneId.of("Europe/Moscow")),
                Map.of("developer_id", "dev-1", "month", "start_of_previous_month"), OutputFormat.JSON, "dev-user-1",
                Optional.of("dev-1"), true, T0, null, null, null);
        ReportSchedule admins = new ReportSchedule(UUID.randomUUID(), digest.id(), digest.name(),
                com.platform.analytics.domain.schedule.CronSchedule.parse("@daily"), Map.of("from", "today-7d", "to", "yesterday"),
                OutputFormat.CSV, "admin-1", Optional.empty(), true, T0.plusSeconds(1), null, null, null);
        store.create(mine);
        store.create(admins);

        assertThat(store.find(mine.id())).contains(mine);
        assertThat(store.list(Optional.empty())).containsExactly(mine, admins);
        assertThat(store.list(Optional.of("dev-1"))).containsExactly(mine);
        assertThat(store.list(Optional.of("dev-2"))).isEmpty();

        Instant fire = Instant.parse("2026-03-31T21:00:00Z");
        assertThat(store.markFired(mine.id(), null, fire)).isTrue();
        assertThat(store.markFired(mine.id(), null, fire)).as("taken once").isFalse();
        UUID instance = UUID.randomUUID();
        store.recordOutcome(mine.id(), instance, null);
        ReportSchedule fired = store.find(mine.id()).orElseThrow();
        assertThat(fired.lastFireAt()).isEqualTo(fire);
        assertThat(fired.lastInstanceId()).isEqualTo(instance);
        assertThat(fired.lastError()).isNull();
        // given back (a busy queue), then recorded why
        assertThat(store.markFired(mine.id(), fire, null)).isTrue();
        store.recordOutcome(mine.id(), null, "SERVICE_BUSY: the report queue is full");
        assertThat(store.find(mine.id()).orElseThrow().lastFireAt()).isNull();
        assertThat(store.find(mine.id()).orElseThrow().lastError()).isEqualTo("SERVICE_BUSY: the report queue is full");

        assertThat(store.delete(mine.id())).isTrue();
        assertThat(store.delete(mine.id())).isFalse();
        assertThat(store.find(mine.id())).isEmpty();
    }
}
