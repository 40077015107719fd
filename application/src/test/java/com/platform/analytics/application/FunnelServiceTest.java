package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.analysis.funnel.FunnelCount;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.domain.analysis.funnel.FunnelStep;
import com.platform.analytics.port.out.FunnelEngine;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunnelServiceTest {
    @Test
    void theWarehouseComputesTheFunnelAndItsSqlComesBack() {
        List<FunnelQuery> asked = new ArrayList<>();
        FunnelEngine engine = q -> {
            asked.add(q);
            return FunnelResult.of(q, List.of(new FunnelCount(null, 1, 2, 0.0, 0.0), new FunnelCount(null, 2, 1, 3.0, 3.0)), "SELECT 42");
        };
        FunnelQuery query = new FunnelQuery(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"), ZoneOffset.UTC,
                Duration.ofDays(7), List.of(new FunnelStep("a", List.of()), new FunnelStep("b", List.of())), Optional.empty());

        FunnelResult result = new FunnelService(engine).funnel(query);

        assertThat(asked).containsExactly(query);
        assertThat(result.sql()).isEqualTo("SELECT 42");
        assertThat(result.steps().get(1).conversionFromStart()).isEqualByComparingTo("0.5");
    }
}
