package com.platform.analytics.application;

import java.util.Set;
import com.platform.analytics.domain.metric.Dimension;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.access.AccessPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.metric.Granularity;
import com.platform.analytics.domain.metric.Measure;
import com.platform.analytics.domain.metric.MeasureQuery;
import com.platform.analytics.domain.metric.MeasureRow;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.port.out.MeasureEngine;
import com.platform.analytics.port.out.MetricDefinitionStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metric definitions from the store; values of built-in metrics composed from the engine's measures. */
class MetricQueryServiceTest {
    private static final LocalDate MAR_1 = LocalDate.parse("2026-03-01");
    private static final LocalDate MAR_2 = LocalDate.parse("2026-03-02");
    private static final LocalDate MAR_3 = LocalDate.parse("2026-03-03");

    /** Definitions in a list, found by name. */
    private static final class ListedDefinitions implements MetricDefinitionStore {
        private final List<MetricDefinition> all;

        ListedDefinitions(List<MetricDefinition> all) {
            this.all = List.copyOf(all);
        }

        @Override
        public List<MetricDefinition> findAll() {
            return all;
        }

        @Override
        public Optional<MetricDefinition> findByName(String name) {
            return all.stream().filter(d -> d.name().equals(name)).findFirst();
        }
    }

    /** Answers each measure with fixed rows and remembers every query it was asked. */
    private static final class ScriptedMeasures implements MeasureEngine {
        final Map<Measure, List<MeasureRow>> answers = new EnumMap<>(Measure.class);
        final List<MeasureQuery> asked = new ArrayList<>();

        @Override
        public List<MeasureRow> measure(MeasureQuery query) {
            asked.add(query);
            return answers.getOrDefault(query.measure(), List.of());
        }
    }

    private static MetricDefinition definition(String name) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new MetricDefinition(UUID.nameUUIDFromBytes(name.getBytes()), name, name + " (ru)", name, null, null,
                "user", "count_distinct", null, null, Map.of(), List.of(), "day", "users", false, "analytics",
                List.of(), at, at);
    }

    private static MeasureRow row(LocalDate day, String value) {
        return new MeasureRow(day, List.of(), new BigDecimal(value));
    }

    private static MetricValuesQuery query(String metric) {
        return new MetricValuesQuery(metric, MAR_1, MAR_3, Granularity.DAY, ZoneId.of("Europe/Moscow"), List.of(), Map.of());
    }

    private final ScriptedMeasures engine = new ScriptedMeasures();
    private final MetricQueryService service = new MetricQueryService(
            new ListedDefinitions(List.of(definition("dau"), definition("net_revenue"), definition("ltv"))), engine,
            game -> Optional.ofNullable(Map.of("g1", "dev-a", "g2", "dev-a", "g3", "dev-b").get(game)), new AccessPolicy());

    @Test
    void definitionsComeFromTheStore() {
        assertThat(service.definitions()).extracting(MetricDefinition::name).containsExactly("dau", "net_revenue", "ltv");
        assertThat(service.definition("ltv").displayNameRu()).isEqualTo("ltv (ru)");
    }

    @Test
    void anUnknownMetricIsNotFound() {
        assertThatThrownBy(() -> service.definition("nope"))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.METRIC_DEFINITION_NOT_FOUND);
                    assertThat(e.detail()).contains("nope");
                });
        assertThatThrownBy(() -> service.values(query("nope"), DataScope.ALL_GAMES))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.METRIC_DEFINITION_NOT_FOUND));
        assertThat(engine.asked).isEmpty();
    }

    @Test
    void aBuiltInMetricWithoutADefinitionIsNotFoundEither() {
        // wau is computable, but the store does not define it: the store is the catalogue
        assertThatThrownBy(() -> service.values(query("wau"), DataScope.ALL_GAMES))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.METRIC_DEFINITION_NOT_FOUND));
    }

    @Test
    void aDefinedMetricThatIsNotBuiltInIsNotYetAvailable() {
        assertThatThrownBy(() -> service.values(query("ltv"), DataScope.ALL_GAMES))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_NOT_YET_AVAILABLE);
                    assertThat(e.detail()).contains("ltv");
                });
        assertThat(engine.asked).isEmpty();
    }

    @Test
    void valuesAreTheEnginesMeasuresForEveryBucket() {
        engine.answers.put(Measure.ACTIVE_USERS, List.of(row(MAR_1, "18"), row(MAR_3, "30")));

        MetricValues values = service.values(query("dau"), DataScope.ALL_GAMES);

        assertThat(engine.asked).singleElement().satisfies(q -> {
            assertThat(q.measure()).isEqualTo(Measure.ACTIVE_USERS);
            assertThat(q.from()).isEqualTo(MAR_1);
            assertThat(q.to()).isEqualTo(MAR_3);
            assertThat(q.granularity()).isEqualTo(Granularity.DAY);
            assertThat(q.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        });
        assertThat(values.unit()).isEqualTo("users");
        assertThat(values.series()).singleElement().satisfies(s -> assertThat(s.points())
                .extracting(MetricSeries.Point::bucket, p -> p.value().toPlainString())
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple(MAR_1, "18"),
                        org.assertj.core.api.Assertions.tuple(MAR_2, "0"),
                        org.assertj.core.api.Assertions.tuple(MAR_3, "30")));
    }

    @Test
    void aComposedMetricAsksForEachOfItsMeasures() {
        engine.answers.put(Measure.GROSS_REVENUE, List.of(row(MAR_1, "2998.00"), row(MAR_2, "100.50")));
        engine.answers.put(Measure.REFUNDS, List.of(row(MAR_2, "100.50"), row(MAR_3, "10.00")));

        MetricValues values = service.values(query("net_revenue"), DataScope.ALL_GAMES);

        assertThat(engine.asked).extracting(MeasureQuery::measure).containsExactlyInAnyOrder(Measure.GROSS_REVENUE, Measure.REFUNDS);
        assertThat(values.series().get(0).points()).extracting(p -> p.value().toPlainString())
                .containsExactly("2998.00", "0.00", "-10.00");
    }

    private static MetricValuesQuery filtered(Map<Dimension, Set<String>> filters) {
        return new MetricValuesQuery("dau", MAR_1, MAR_3, Granularity.DAY, ZoneId.of("UTC"), List.of(Dimension.GAME_ID), filters);
    }

    @Test
    void aDevelopersQueryReadsOnlyTheirGamesInsideTheWarehouseQuery() {
        service.values(filtered(Map.of()), DataScope.developer("dev-a"));
        service.values(filtered(Map.of(Dimension.GAME_ID, Set.of("g1", "g2"))), DataScope.developer("dev-a"));
        service.values(filtered(Map.of(Dimension.DEVELOPER_ID, Set.of("dev-a"))), DataScope.developer("dev-a"));

        assertThat(engine.asked).hasSize(3).allSatisfy(q ->
                assertThat(q.filters()).containsEntry(Dimension.DEVELOPER_ID, Set.of("dev-a")));
        assertThat(engine.asked.get(1).filters()).containsEntry(Dimension.GAME_ID, Set.of("g1", "g2"));
    }

    @Test
    void anotherDevelopersGameOrIdOrAnUnknownGameIsDeniedBeforeTheWarehouseIsAsked() {
        for (Map<Dimension, Set<String>> filters : List.of(
                Map.of(Dimension.GAME_ID, Set.of("g3")),
                Map.of(Dimension.GAME_ID, Set.of("g1", "g3")),
                Map.of(Dimension.GAME_ID, Set.of("no-such-game")),
                Map.of(Dimension.GAME_ID, Set.of("g1' OR '1'='1")),
                Map.of(Dimension.DEVELOPER_ID, Set.of("dev-b")),
                Map.of(Dimension.DEVELOPER_ID, Set.of("dev-a", "dev-b")))) {
            assertThatThrownBy(() -> service.values(filtered(filters), DataScope.developer("dev-a"))).as(filters.toString())
                    .isInstanceOfSatisfying(AnalyticsException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE));
        }
        assertThat(engine.asked).isEmpty();
        service.values(filtered(Map.of(Dimension.GAME_ID, Set.of("g3"))), DataScope.ALL_GAMES);
        assertThat(engine.asked).singleElement().satisfies(q -> assertThat(q.filters()).doesNotContainKey(Dimension.DEVELOPER_ID));
    }
}
