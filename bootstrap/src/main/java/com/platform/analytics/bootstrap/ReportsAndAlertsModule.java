package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.platform.analytics.adapter.postgres.JooqAlertEvents;
import com.platform.analytics.adapter.postgres.JooqAlertRules;
import com.platform.analytics.adapter.postgres.JooqReportDefinitions;
import com.platform.analytics.adapter.postgres.JooqReportInstances;
import com.platform.analytics.adapter.postgres.JooqReportSchedules;
import com.platform.analytics.adapter.postgres.PostgresMetadata;
import com.platform.analytics.application.AlertEvaluationJob;
import com.platform.analytics.application.AlertService;
import com.platform.analytics.application.Liveness;
import com.platform.analytics.application.ReportExpiryJob;
import com.platform.analytics.application.ReportScheduleJob;
import com.platform.analytics.application.ReportScheduleService;
import com.platform.analytics.application.ReportService;
import com.platform.analytics.application.ReportSettings;
import com.platform.analytics.application.ScheduledJob;
import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.port.in.AlertsUseCase;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.in.ReportSchedulesUseCase;
import com.platform.analytics.port.in.ReportsUseCase;
import com.platform.analytics.port.out.ObjectStore;
import com.platform.analytics.port.out.ReportQueryEngine;
import java.time.Clock;

/**
 * Reports (spec 3.1.2: definitions, asynchronous instances written to the object store) and alert rules evaluated on
 * schedule (spec 8: alert.triggered).
 */
final class ReportsAndAlertsModule extends AbstractModule {
    /**
     * What a stopped instance left unfinished (no beat for two minutes) is failed at start, then every minute by the
     * abandoned-work job; other live instances' reports are left alone.
     */
    @Provides
    @Singleton
    ReportService reportService(PostgresMetadata metadata, ReportQueryEngine engine, MetricQueriesUseCase metrics,
            ObjectStore store, AccessPolicy policy, Clock clock, Liveness liveness, Lifecycle lifecycle) {
        ReportService service = new ReportService(new JooqReportDefinitions(metadata.dataSource()),
                new JooqReportInstances(metadata.dataSource()), engine, metrics, store, policy, ReportSettings.DEFAULTS, clock, liveness);
        service.recoverAbandoned();
        lifecycle.register(service::close);
        return service;
    }

    @Provides
    @Singleton
    ReportsUseCase reports(ReportService service) {
        return service;
    }

    @Provides
    @Singleton
    ReportSchedulesUseCase reportSchedules(PostgresMetadata metadata, ReportService reports, AccessPolicy policy, Clock clock) {
        return new ReportScheduleService(new JooqReportSchedules(metadata.dataSource()), reports, policy, clock);
    }

    /** Every minute: the reports whose own schedule fired are requested. */
    @ProvidesIntoSet
    ScheduledJob reportSchedulesJob(ReportSchedulesUseCase schedules, Clock clock) {
        return new ReportScheduleJob(schedules, clock);
    }

    /** Files past their expires_at removed hourly. */
    @ProvidesIntoSet
    ScheduledJob reportExpiry(ReportService service) {
        return new ReportExpiryJob(service);
    }

    @Provides
    @Singleton
    AlertsUseCase alerts(PostgresMetadata metadata, MetricQueriesUseCase metrics, Clock clock) {
        return new AlertService(new JooqAlertRules(metadata.dataSource()), new JooqAlertEvents(metadata.dataSource()), metrics,
                clock);
    }

    @ProvidesIntoSet
    ScheduledJob alertEvaluation(AlertsUseCase alerts) {
        return new AlertEvaluationJob(alerts);
    }
}
