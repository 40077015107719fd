package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.analysis.paths.PathDirection;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;
import com.platform.analytics.domain.analysis.retention.RetentionMode;
import com.platform.analytics.domain.analysis.retention.RetentionPeriod;
import com.platform.analytics.domain.event.EventTypes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention and paths name no game or developer: the caller's scope must reach the warehouse unchanged. */
class ScopedAnalysisServicesTest {
    private static final AnalysisRange RANGE = new AnalysisRange(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-07"),
            ZoneOffset.UTC);

    @Test
    void retentionAsksTheWarehouseInTheCallersScope() {
        List<DataScope> scopes = new ArrayList<>();
        CohortRetentionService service = new CohortRetentionService((scope, q) -> {
            scopes.add(scope);
            return new CohortRetentionResult(List.of(), "SELECT 1");
        });
        CohortRetentionQuery q = new CohortRetentionQuery(RANGE, RetentionPeriod.DAY, 3, RetentionMode.EXACT,
                EventTypes.USER_REGISTERED, null);

        service.retention(DataScope.developer("dev-b"), q);
        service.retention(DataScope.ALL_GAMES, q);

        assertThat(scopes).containsExactly(DataScope.developer("dev-b"), DataScope.ALL_GAMES);
    }

    @Test
    void pathsAskTheWarehouseInTheCallersScope() {
        List<DataScope> scopes = new ArrayList<>();
        PathsService service = new PathsService((scope, q) -> {
            scopes.add(scope);
            return new PathsResult(List.of(), List.of(), "SELECT 1");
        });
        PathsQuery q = new PathsQuery(RANGE, PathDirection.FROM_START, EventTypes.GAME_VIEWED, 3, 5, 30);

        service.paths(DataScope.developer("dev-a"), q);

        assertThat(scopes).containsExactly(DataScope.developer("dev-a"));
    }
}
