package com.platform.analytics.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PipelineRunTest {
    private static final Instant T0 = Instant.parse("2026-03-10T03:00:00Z");

    private static PipelineRun run(String id, Instant at, PipelineRunStatus status) {
        return new PipelineRun(UUID.fromString(id), "job", status, at, status.finished() ? at.plusSeconds(1) : null,
                status.finished() ? 1L : null, Map.of(), null);
    }

    @Test
    void aRunningRunHasNoFinishTimeAndAFinishedOneHas() {
        assertThatThrownBy(() -> new PipelineRun(UUID.randomUUID(), "job", PipelineRunStatus.RUNNING, T0, T0, null, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipelineRun(UUID.randomUUID(), "job", PipelineRunStatus.FAILED, T0, null, null, Map.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysOrderNewestFirstWithIdsAsUnsignedBytes() {
        // 8... and f... are negative as Java's signed halves, yet come after 0... and 7... as PostgreSQL orders uuid
        List<PipelineRun> runs = new ArrayList<>(List.of(
                run("00000000-0000-0000-0000-000000000001", T0, PipelineRunStatus.SUCCEEDED),
                run("ffffffff-0000-0000-0000-000000000000", T0, PipelineRunStatus.FAILED),
                run("80000000-0000-0000-0000-000000000000", T0, PipelineRunStatus.RUNNING),
                run("70000000-0000-0000-0000-000000000000", T0.plusSeconds(1), PipelineRunStatus.RUNNING)));
        runs.sort(PipelineRunKey.NEWEST_FIRST);
        assertThat(runs).extracting(r -> r.id().toString()).containsExactly("70000000-0000-0000-0000-000000000000",
                "ffffffff-0000-0000-0000-000000000000", "80000000-0000-0000-0000-000000000000",
                "00000000-0000-0000-0000-000000000001");
        PipelineRunKey second = PipelineRunKey.of(runs.get(1));
        assertThat(runs.stream().filter(second::precedes)).containsExactly(runs.get(2), runs.get(3));
    }

    @Test
    void filtersTakeStartTimesInAHalfOpenRange() {
        PipelineRunFilter filter = new PipelineRunFilter(Optional.of("job"), Optional.of(PipelineRunStatus.SUCCEEDED),
                Optional.of(T0), Optional.of(T0.plusSeconds(60)));
        assertThat(filter.accepts(run("00000000-0000-0000-0000-000000000001", T0, PipelineRunStatus.SUCCEEDED))).isTrue();
        assertThat(filter.accepts(run("00000000-0000-0000-0000-000000000001", T0.plusSeconds(60), PipelineRunStatus.SUCCEEDED))).isFalse();
        assertThat(filter.accepts(run("00000000-0000-0000-0000-000000000001", T0, PipelineRunStatus.FAILED))).isFalse();
        assertThatThrownBy(() -> new PipelineRunFilter(Optional.empty(), Optional.empty(), Optional.of(T0), Optional.of(T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorSummariesAreCut() {
        String longError = "x".repeat(5000);
        assertThat(PipelineRun.summary(longError)).hasSize(PipelineRun.MAX_ERROR_SUMMARY);
        assertThat(PipelineRun.summary("short")).isEqualTo("short");
        assertThat(PipelineRun.summary(null)).isNull();
    }
}
