package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ParameterType;
import com.platform.analytics.domain.report.ReportDefinition;
import com.platform.analytics.domain.report.ReportInstance;
import com.platform.analytics.domain.report.ReportParameter;
import com.platform.analytics.domain.report.ReportSchedule;
import com.platform.analytics.domain.report.ReportSourceType;
import com.platform.analytics.domain.report.ReportStatus;
import com.platform.analytics.port.out.ReportDefinitionStore;
import com.platform.analytics.port.out.ReportQueryEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Report schedules with fakes: validation, fires once at their time in their zone, relative dates, owners' scope. */
class ReportScheduleServiceTest {
    private static final Instant T0 = Instant.parse("2026-02-27T12:00:00Z");
    private static final Principal ADMIN = new Principal("admin-1", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty());
    private static final Principal DEV1 = new Principal("dev-user-1", Set.of(Role.DEVELOPER), Set.of(), Optional.of("dev-1"));
    private static final Principal DEV2 = new Principal("dev-user-2", Set.of(Role.DEVELOPER), Set.of(), Optional.of("dev-2"));
    private static final ReportDefinition SALES = new ReportDefinition(UUID.randomUUID(), "monthly_sales_summary", "Продажи",
            null, null, null, ReportSourceType.SQL_QUERY_CLICKHOUSE,
            "SELECT * FROM analytics.events WHERE developer_id = {developer_id:String} AND toStartOfMonth(ts) = {month:Date}"
                    + " AND {label:String} != ''",
            List.of(new ReportParameter("developer_id", ParameterType.STRING, true, null, null),
                    new ReportParameter("month", ParameterType.DATE, true, null, null),
                    new ReportParameter("label", ParameterType.STRING, false, "x", null)),
            List.of(OutputFormat.CSV, OutputFormat.JSON), true, T0, T0);
    private static final ReportDefinition ADMIN_ONLY = new ReportDefinition(UUID.randomUUID(), "activity", "Активность",
            null, null, null, ReportSourceType.SQL_QUERY_CLICKHOUSE, "SELECT 1", List.of(), List.of(OutputFormat.CSV),
            false, T0, T0);

    private final SegmentServiceTest.MovableClock clock = new SegmentServiceTest.MovableClock(T0);
    private final InMemoryReportInstances instances = new InMemoryReportInstances();
    private final InMemoryReportSchedules store = new InMemoryReportSchedules();
    private final ScriptedReportEngine engine = new ScriptedReportEngine();
    private final List<ReportService> services = new ArrayList<>();

    private ReportService reports(int queue) {
        ReportDefinitionStore definitions = new ListedReportDefinitions(SALES, ADMIN_ONLY);
        ReportService s = new ReportService(definitions, instances, engine, new ReportServiceTest.RecordingMetricQueries(),
                new InMemoryObjectStore(), new AccessPolicy(), new ReportSettings(1, queue,
                        new ReportQueryEngine.Limits(1000, Duration.ofSeconds(5), 2), Duration.ofDays(7)), clock);
        services.add(s);
        return s;
    }

    private ReportScheduleService schedules(ReportService reports) {
        return new ReportScheduleService(store, reports, new AccessPolicy(), clock);
    }

    @AfterEach
    void stop() {
        CountDownLatch gate = engine.gate;
        if (gate != null) {
            gate.countDown();
        }
        services.forEach(ReportService::close);
    }

    private static void refused(Runnable call, ErrorCode code, String pointer, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            if (pointer != null) {
                assertThat(e.pointer()).contains(pointer);
            }
            assertThat(e.detail()).contains(detail);
        });
    }

    @Test
    void aScheduleIsCheckedAsARequestWouldBeAndKeepsRelativeDatesAsWords() {
        ReportScheduleService s = schedules(reports(4));
        Map<String, Object> params = Map.of("developer_id", "dev-1", "month", "start_of_previous_month");
        refused(() -> s.create(ADMIN, "monthly_sales_summary", "0 3 32 * *", null, params, null),
                ErrorCode.INVALID_REQUEST_BODY, "/cron", "");
        refused(() -> s.create(ADMIN, "monthly_sales_summary", null, null, params, null), ErrorCode.INVALID_REQUEST_BODY, "/cron", "cron");
        refused(() -> s.create(ADMIN, "monthly_sales_summary", "0 3 1 * *", "Mars/Olympus", params, null),
                ErrorCode.INVALID_REQUEST_BODY, "/timeZone", "Mars/Olympus");
        refused(() -> s.create(ADMIN, "nope", "0 3 1 * *", null, params, null), ErrorCode.REPORT_DEFINITION_NOT_FOUND, null, "nope");
        refused(() -> s.create(ADMIN, "monthly_sales_summary", "0 3 1 * *", null, Map.of("developer_id", "dev-1", "month", "last_tuesday"), null),
                ErrorCode.INVALID_REQUEST_BODY, "/parameters/month", "date");
        refused(() -> s.create(ADMIN, "monthly_sales_summary", "0 3 1 * *", null, params, "xlsx"), ErrorCode.INVALID_REQUEST_BODY, "/format", "xlsx");
        refused(() -> s.create(DEV1, "activity", "0 3 1 * *", null, Map.of(), null), ErrorCode.ACCESS_DENIED_TO_RESOURCE, null, "developers");
        refused(() -> s.create(DEV1, "monthly_sales_summary", "0 3 1 * *", null, Map.of("developer_id", "dev-2", "month", "today"), null),
                ErrorCode.ACCESS_DENIED_TO_RESOURCE, "/parameters/developer_id", "dev-2");
        assertThat(store.list(Optional.empty())).isEmpty();

        ReportSchedule created = s.create(ADMIN, "monthly_sales_summary", "0 3 1 * *", "Europe/Moscow", params, "json");
        assertThat(created.parameters()).containsExactly(Map.entry("developer_id", "dev-1"),
                Map.entry("month", "start_of_previous_month"), Map.entry("label", "x"));
        assertThat(created.format()).isEqualTo(OutputFormat.JSON);
        assertThat(created.schedule().zone().getId()).isEqualTo("Europe/Moscow");
        assertThat(created.owner()).isEqualTo("admin-1");
        assertThat(created.developerId()).isEmpty();
        assertThat(s.find(ADMIN, created.id())).isEqualTo(created);
    }

    @Test
    void aFireRequestsOneInstanceWithItsWordsResolvedOnTheFiresDayInTheSchedulesZone() throws Exception {
        ReportService reports = reports(4);
        ReportScheduleService s = schedules(reports);
        // 03:00 on the 1st in Moscow is 00:00 UTC on the 1st: the previous month of March 1st is February
        ReportSchedule monthly = s.create(DEV1, "monthly_sales_summary", "0 3 1 * *", "Europe/Moscow",
                Map.of("month", "start_of_previous_month", "label", "today"), null);
        assertThat(monthly.developerId()).contains("dev-1");

        clock.now = Instant.parse("2026-02-28T23:59:00Z");
        assertThat(s.runDue(clock.instant())).isZero();
        clock.now = Instant.parse("2026-03-01T00:00:30Z");
        assertThat(s.runDue(clock.instant())).isEqualTo(1);
        assertThat(s.runDue(clock.instant())).as("once per fire").isZero();

        ReportSchedule after = store.find(monthly.id()).orElseThrow();
        assertThat(after.lastFireAt()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(after.lastError()).isNull();
        ReportInstance instance = instances.find(after.lastInstanceId()).orElseThrow();
        assertThat(instance.parameters()).containsEntry("month", "2026-02-01").containsEntry("developer_id", "dev-1")
                .as("a string parameter reading 'today' is no date word").containsEntry("label", "today");
        assertThat(instance.requestedBy()).isEqualTo("dev-user-1");
        assertThat(instance.developerId()).contains("dev-1");
        for (int i = 0; i < 500 && !instances.find(instance.id()).orElseThrow().status().terminal(); i++) {
            Thread.sleep(10);
        }
        assertThat(instances.find(instance.id()).orElseThrow().status()).isEqualTo(ReportStatus.COMPLETED);
    }

    @Test
    void afterDowntimeOneInstanceIsRequestedForTheLatestFireAndTwoServicesNeverBothTakeAFire() {
        ReportService reports = reports(8);
        ReportScheduleService a = schedules(reports);
        ReportScheduleService b = schedules(reports);
        ReportSchedule daily = a.create(ADMIN, "monthly_sales_summary", "0 6 * * *", null,
                Map.of("developer_id", "dev-1", "month", "yesterday"), null);
        clock.now = Instant.parse("2026-03-04T07:00:00Z"); // 28th, 1st, 2nd, 3rd and 4th at 06:00 passed
        assertThat(a.runDue(clock.instant()) + b.runDue(clock.instant())).isEqualTo(1);
        ReportSchedule after = store.find(daily.id()).orElseThrow();
        assertThat(after.lastFireAt()).isEqualTo(Instant.parse("2026-03-04T06:00:00Z"));
        assertThat(instances.find(after.lastInstanceId()).orElseThrow().parameters()).containsEntry("month", "2026-03-03");
    }

    @Test
    void aBusyQueueGivesTheFireBackAndTheNextMinuteRequestsIt() {
        engine.gate = new CountDownLatch(1);
        ReportService reports = reports(1);
        ReportScheduleService s = schedules(reports);
        Map<String, Object> params = Map.of("developer_id", "dev-1", "month", "2026-02-01");
        reports.request(ADMIN, "monthly_sales_summary", params, null); // generating, holding the one worker
        awaitStatus(ReportStatus.GENERATING);
        reports.request(ADMIN, "monthly_sales_summary", params, null); // waiting: the queue of one is full
        ReportSchedule hourly = s.create(ADMIN, "monthly_sales_summary", "0 * * * *", null, params, null);

        clock.now = Instant.parse("2026-02-27T13:00:10Z");
        assertThat(s.runDue(clock.instant())).isZero();
        ReportSchedule busy = store.find(hourly.id()).orElseThrow();
        assertThat(busy.lastFireAt()).as("given back").isNull();
        assertThat(busy.lastError()).startsWith("SERVICE_BUSY");

        engine.gate.countDown();
        awaitNone(ReportStatus.REQUESTED);
        awaitNone(ReportStatus.GENERATING);
        clock.now = Instant.parse("2026-02-27T13:01:00Z");
        assertThat(s.runDue(clock.instant())).isEqualTo(1);
        ReportSchedule done = store.find(hourly.id()).orElseThrow();
        assertThat(done.lastFireAt()).isEqualTo(Instant.parse("2026-02-27T13:00:00Z"));
        assertThat(done.lastError()).isNull();
        assertThat(done.lastInstanceId()).isNotNull();
    }

    @Test
    void developersSeeAndDeleteOnlyTheirOwnSchedules() {
        ReportScheduleService s = schedules(reports(4));
        ReportSchedule mine = s.create(DEV1, "monthly_sales_summary", "0 3 1 * *", null, Map.of("month", "today"), null);
        ReportSchedule theirs = s.create(DEV2, "monthly_sales_summary", "0 3 1 * *", null, Map.of("month", "today"), null);
        ReportSchedule admins = s.create(ADMIN, "activity", "@daily", null, Map.of(), null);

        assertThat(s.list(DEV1)).containsExactly(mine);
        assertThat(s.list(ADMIN)).containsExactly(mine, theirs, admins);
        refused(() -> s.find(DEV1, theirs.id()), ErrorCode.RESOURCE_NOT_FOUND, null, theirs.id().toString());
        refused(() -> s.delete(DEV1, theirs.id()), ErrorCode.RESOURCE_NOT_FOUND, null, theirs.id().toString());
        s.delete(DEV1, mine.id());
        assertThat(s.list(ADMIN)).containsExactly(theirs, admins);
        refused(() -> s.delete(DEV1, mine.id()), ErrorCode.RESOURCE_NOT_FOUND, null, "");
    }

    private void awaitStatus(ReportStatus status) {
        await(() -> !instances.findByStatus(status).isEmpty());
    }

    private void awaitNone(ReportStatus status) {
        await(() -> instances.findByStatus(status).isEmpty());
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
