package com.platform.analytics.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportDefinitionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<ReportParameter> PARAMETERS = List.of(
            new ReportParameter("developer_id", ParameterType.STRING, true, null, null),
            new ReportParameter("from", ParameterType.DATE, true, null, null),
            new ReportParameter("top", ParameterType.INTEGER, false, "10", null),
            new ReportParameter("min_amount", ParameterType.DECIMAL, false, "0", null),
            new ReportParameter("game", ParameterType.UUID, false, "00000000-0000-0000-0000-000000000000", null));

    static ReportDefinition sales(boolean openToDevelopers) {
        return new ReportDefinition(UUID.randomUUID(), "sales", "Продажи", null, null, null,
                ReportSourceType.SQL_QUERY_CLICKHOUSE, "SELECT {developer_id:String}, {from:Date}, {top:Int64}, "
                        + "{min_amount:Decimal(18, 2)}, {game:UUID}", PARAMETERS, List.of(OutputFormat.CSV),
                openToDevelopers, T0, T0);
    }

    @Test
    void parametersAreCheckedAgainstTheirTypesAndDefaultsFillTheRest() {
        assertThat(sales(true).bind(Map.of("developer_id", "d1", "from", "2026-02-01", "top", 5.0), DataScope.ALL_GAMES))
                .containsExactly(Map.entry("developer_id", "d1"), Map.entry("from", "2026-02-01"), Map.entry("top", "5"),
                        Map.entry("min_amount", "0"), Map.entry("game", "00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void aBadParameterIsNamedByItsPointer() {
        ReportDefinition d = sales(true);
        assertBad(d, Map.of("developer_id", "d1", "from", "yesterday"), "/parameters/from");
        assertBad(d, Map.of("developer_id", "d1", "from", "2026-02-01", "top", 1.5), "/parameters/top");
        assertBad(d, Map.of("developer_id", "d1", "from", "2026-02-01", "min_amount", "1e"), "/parameters/min_amount");
        assertBad(d, Map.of("developer_id", "d1", "from", "2026-02-01", "game", "not-a-uuid"), "/parameters/game");
        assertBad(d, Map.of("developer_id", "d1"), "/parameters/from");
        assertBad(d, Map.of("developer_id", "d1", "from", "2026-02-01", "extra", 1), "/parameters/extra");
        assertBad(d, Map.of("developer_id", 7, "from", "2026-02-01"), "/parameters/developer_id");
    }

    private static void assertBad(ReportDefinition d, Map<String, Object> params, String pointer) {
        assertThatThrownBy(() -> d.bind(params, DataScope.ALL_GAMES)).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY);
            assertThat(e.pointer()).contains(pointer);
        });
    }

    @Test
    void aDeveloperRunsOnlyOpenDefinitionsAndOnlyOnTheirOwnId() {
        assertThat(sales(true).bind(Map.of("from", "2026-02-01"), DataScope.developer("d1"))).containsEntry("developer_id", "d1");
        assertThat(sales(true).bind(Map.of("from", "2026-02-01", "developer_id", "d1"), DataScope.developer("d1")))
                .containsEntry("developer_id", "d1");
        assertThatThrownBy(() -> sales(true).bind(Map.of("from", "2026-02-01", "developer_id", "d2"), DataScope.developer("d1")))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE));
        assertThatThrownBy(() -> sales(false).bind(Map.of("from", "2026-02-01"), DataScope.developer("d1")))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE));
    }

    @Test
    void definitionsThatCouldNotRunSafelyAreNotMade() {
        assertThatThrownBy(() -> new ReportDefinition(UUID.randomUUID(), "x", "x", null, null, null,
                ReportSourceType.SQL_QUERY_CLICKHOUSE, "SELECT {undeclared:String}", List.of(), List.of(OutputFormat.CSV),
                false, T0, T0)).hasMessageContaining("undeclared");
        assertThatThrownBy(() -> new ReportDefinition(UUID.randomUUID(), "x", "x", null, null, null,
                ReportSourceType.SQL_QUERY_CLICKHOUSE, "SELECT 1", List.of(), List.of(OutputFormat.CSV),
                true, T0, T0)).hasMessageContaining("not scoped");
        assertThatThrownBy(() -> new ReportDefinition(UUID.randomUUID(), "x", "x", null, null, null,
                ReportSourceType.PRE_AGGREGATED_METRICS, "{\"dimensions\":[]}", List.of(), List.of(OutputFormat.CSV),
                false, T0, T0)).hasMessageContaining("names no metric");
        assertThatThrownBy(() -> new ReportParameter("top", ParameterType.INTEGER, false, null, null))
                .hasMessageContaining("needs a default");
    }
}
