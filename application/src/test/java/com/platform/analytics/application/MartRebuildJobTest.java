package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.port.out.OperationalMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MartRebuildJobTest {
    @Test
    void reconcilesYesterdayAndTodayAndRecordsTheMartsFreshness() {
        List<Set<LocalDate>> asked = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        Instant now = Instant.parse("2026-03-02T03:00:05Z");
        MartRebuildJob job = new MartRebuildJob(days -> {
            asked.add(days);
            return 3;
        }, new OperationalMetrics() {
            @Override
            public void martUpdated(String martName, Instant at) {
                fresh.add(martName + " " + at);
            }
        }, Clock.fixed(now, ZoneOffset.UTC));

        assertThat(job.job().name()).isEqualTo("mart_rebuild");
        assertThat(job.run(Instant.parse("2026-03-02T03:00:00Z"))).isEqualTo(3);
        assertThat(asked).containsExactly(Set.of(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02")));
        assertThat(fresh).containsExactly("daily_user_activity " + now);
    }
}
