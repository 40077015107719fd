package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.funnel.FilterOperator;
import com.platform.analytics.domain.analysis.funnel.FunnelCount;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.domain.analysis.funnel.FunnelStep;
import com.platform.analytics.domain.analysis.funnel.PropertyFilter;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.out.FunnelEngine;
import com.platform.analytics.port.out.GameCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunnelServiceTest {
    private static final DataScope DEV_A = DataScope.developer("dev-a");
    /** g1 and g2 are dev-a's, g3 dev-b's; any other game is unknown. */
    private static final GameCatalog GAMES = game -> Optional.ofNullable(Map.of("g1", "dev-a", "g2", "dev-a", "g3", "dev-b").get(game));

    /** Remembers every scope and query it is asked and answers a fixed two-step funnel. */
    private static final class RecordingEngine implements FunnelEngine {
        final List<DataScope> scopes = new ArrayList<>();
        final List<FunnelQuery> queries = new ArrayList<>();

        @Override
        public FunnelResult funnel(DataScope scope, FunnelQuery q) {
            scopes.add(scope);
            queries.add(q);
            return FunnelResult.of(q, List.of(new FunnelCount(null, 1, 2, 0.0, 0.0), new FunnelCount(null, 2, 1, 3.0, 3.0)), "SELECT 42");
        }
    }

    private final RecordingEngine engine = new RecordingEngine();
    private final FunnelService service = new FunnelService(engine, GAMES, new AccessPolicy());

    @Test
    void theWarehouseComputesTheFunnelInTheCallersScopeAndItsSqlComesBack() {
        FunnelQuery query = query();

        FunnelResult result = service.funnel(DEV_A, query);

        assertThat(engine.queries).containsExactly(query);
        assertThat(engine.scopes).containsExactly(DEV_A);
        assertThat(result.sql()).isEqualTo("SELECT 42");
        assertThat(result.steps().get(1).conversionFromStart()).isEqualByComparingTo("0.5");
    }

    @Test
    void filtersOnTheCallersOwnGamesAndDeveloperGoThrough() {
        FunnelQuery own = query(
                filter("data.gameId", FilterOperator.IN, "g1", "g2"),
                filter("data.developerId", FilterOperator.EQ, "dev-a"),
                filter("data.gameId", FilterOperator.NEQ, "g2"),
                filter("data.platform", FilterOperator.EQ, "g3"));

        service.funnel(DEV_A, own);

        assertThat(engine.scopes).containsExactly(DEV_A);
    }

    @Test
    void anotherDevelopersGameAnUnknownGameOrAnotherDeveloperIsDeniedBeforeTheWarehouseIsAsked() {
        List<PropertyFilter> probes = List.of(
                filter("data.gameId", FilterOperator.EQ, "g3"),
                filter("data.gameId", FilterOperator.IN, "g1", "g3"),
                filter("data.gameId", FilterOperator.NOT_IN, "g3"),
                filter("data.gameId", FilterOperator.NEQ, "no-such-game"),
                filter("data.gameId", FilterOperator.EQ, "g1' OR '1'='1"),
                filter("data.gameId", FilterOperator.CONTAINS, "g"),
                new PropertyFilter("data.gameId", FilterOperator.GT, List.of(BigDecimal.ZERO)),
                filter("data.developerId", FilterOperator.EQ, "dev-b"),
                filter("data.developerId", FilterOperator.NOT_IN, "dev-b"),
                filter("data.developerId", FilterOperator.IN, "dev-a", "dev-a' OR '1'='1"));
        for (PropertyFilter probe : probes) {
            // the probe sits on a later step: every step's filters are checked
            FunnelQuery q = new FunnelQuery(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"), ZoneOffset.UTC,
                    Duration.ofDays(7), List.of(new FunnelStep("a", List.of()), new FunnelStep("b", List.of(probe))), Optional.empty());
            assertThatThrownBy(() -> service.funnel(DEV_A, q)).as(probe.toString())
                    .isInstanceOfSatisfying(AnalyticsException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE));
        }
        assertThat(engine.queries).as("the warehouse was never asked").isEmpty();
    }

    @Test
    void theDenialNamesTheGameOrDeveloperAndSaysTheSameForAnotherDevelopersGameAsForAnUnknownOne() {
        AnalyticsException foreign = denial(filter("data.gameId", FilterOperator.EQ, "g3"));
        AnalyticsException unknown = denial(filter("data.gameId", FilterOperator.EQ, "g9"));
        AnalyticsException developer = denial(filter("data.developerId", FilterOperator.EQ, "dev-b"));

        assertThat(foreign.getMessage()).contains("g3");
        assertThat(unknown.getMessage()).isEqualTo(foreign.getMessage().replace("g3", "g9"));
        assertThat(developer.getMessage()).contains("dev-b");
    }

    @Test
    void everyGamesScopeChecksNothingAndAsksNoCatalog() {
        GameCatalog unused = game -> {
            throw new AssertionError("the catalog is not asked for an unrestricted caller");
        };
        FunnelService admin = new FunnelService(engine, unused, new AccessPolicy());

        admin.funnel(DataScope.ALL_GAMES, query(filter("data.gameId", FilterOperator.EQ, "g3"),
                filter("data.developerId", FilterOperator.EQ, "dev-b")));

        assertThat(engine.scopes).containsExactly(DataScope.ALL_GAMES);
    }

    private AnalyticsException denial(PropertyFilter filter) {
        try {
            service.funnel(DEV_A, query(filter));
        } catch (AnalyticsException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE);
            return e;
        }
        throw new AssertionError("not denied: " + filter);
    }

    private static PropertyFilter filter(String field, FilterOperator op, String... values) {
        return new PropertyFilter(field, op, List.of((Object[]) values));
    }

    private static FunnelQuery query(PropertyFilter... firstStepFilters) {
        return new FunnelQuery(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"), ZoneOffset.UTC,
                Duration.ofDays(7), List.of(new FunnelStep("a", List.of(firstStepFilters)), new FunnelStep("b", List.of())),
                Optional.empty());
    }
}
