package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.experiment.ExperimentMetric;
import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentReport;
import com.platform.analytics.domain.analysis.experiment.ExperimentTotals;
import com.platform.analytics.domain.analysis.experiment.VariantTotals;
import com.platform.analytics.port.out.ExperimentEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentServiceTest {
    /** Returns fixed totals and remembers what it was asked. */
    private static final class FixedTotals implements ExperimentEngine {
        final List<ExperimentQuery> asked = new ArrayList<>();
        final List<DataScope> scopes = new ArrayList<>();

        @Override
        public ExperimentTotals experimentTotals(DataScope scope, ExperimentQuery query) {
            asked.add(query);
            scopes.add(scope);
            return new ExperimentTotals(List.of(new VariantTotals("treatment", 200, 30, BigDecimal.ZERO, 0),
                    new VariantTotals("control", 210, 21, BigDecimal.ZERO, 0)), 4, "SELECT 42");
        }
    }

    @Test
    void asksTheWarehouseOnceAndComputesTheStatisticsOverItsTotals() {
        FixedTotals engine = new FixedTotals();
        ExperimentQuery query = new ExperimentQuery("k", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-14"),
                ZoneId.of("UTC"), "goal.v1", Duration.ofDays(14), ExperimentMetric.CONVERSION);

        ExperimentReport report = new ExperimentService(engine).analyze(DataScope.developer("dev-a"), query);

        assertThat(engine.asked).containsExactly(query);
        assertThat(engine.scopes).as("the caller's scope reaches the warehouse").containsExactly(DataScope.developer("dev-a"));
        assertThat(report.sql()).isEqualTo("SELECT 42");
        assertThat(report.excludedUsers()).isEqualTo(4);
        assertThat(report.variants()).extracting(v -> v.variant()).containsExactly("control", "treatment");
        assertThat(report.variants().get(1).rate()).isEqualTo(0.15);
        assertThat(report.variants().get(1).versusControl().absoluteLift().estimate()).isCloseTo(0.05,
                org.assertj.core.api.Assertions.within(1e-12));
    }
}
