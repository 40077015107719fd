package com.platform.analytics.application;

import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunFilter;
import com.platform.analytics.domain.schedule.PipelineRunKey;
import com.platform.analytics.domain.schedule.PipelineRunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link com.platform.analytics.port.out.PipelineRunStore} in memory, with a switch that makes it fail like a down store. */
final class InMemoryPipelineRuns implements com.platform.analytics.port.out.PipelineRunStore {
    final Map<UUID, PipelineRun> runs = new LinkedHashMap<>();
    final Map<UUID, Instant> beats = new LinkedHashMap<>();
    volatile boolean down;

    @Override
    public synchronized UUID start(String pipelineName, Instant startedAt, Map<String, Object> parameters) {
        check();
        UUID id = UUID.randomUUID();
        runs.put(id, new PipelineRun(id, pipelineName, PipelineRunStatus.RUNNING, startedAt, null, null, parameters, null));
        beats.put(id, startedAt);
        return id;
    }

    @Override
    public synchronized boolean finish(UUID id, PipelineRunStatus status, Instant finishedAt, long processedRecords, String errorSummary) {
        check();
        PipelineRun run = runs.get(id);
        if (run == null || run.status().finished()) {
            return false;
        }
        runs.put(id, new PipelineRun(id, run.pipelineName(), status, run.startedAt(), finishedAt, processedRecords,
                run.parameters(), errorSummary));
        return true;
    }

    @Override
    public synchronized Optional<PipelineRun> find(UUID id) {
        check();
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized List<PipelineRun> list(PipelineRunFilter filter, Optional<PipelineRunKey> after, int limit) {
        check();
        return runs.values().stream().filter(filter::accepts).filter(r -> after.map(k -> k.precedes(r)).orElse(true))
                .sorted(PipelineRunKey.NEWEST_FIRST).limit(limit).toList();
    }

    @Override
    public synchronized void heartbeat(java.util.Collection<UUID> ids, Instant at) {
        check();
        for (UUID id : ids) {
            PipelineRun run = runs.get(id);
            if (run != null && run.status() == PipelineRunStatus.RUNNING) {
                beats.put(id, at);
            }
        }
    }

    @Override
    public synchronized int failAbandoned(Instant beatBefore, Instant at, String errorSummary) {
        check();
        int failed = 0;
        for (PipelineRun run : List.copyOf(runs.values())) {
            if (run.status() == PipelineRunStatus.RUNNING && beats.get(run.id()).isBefore(beatBefore)) {
                runs.put(run.id(), new PipelineRun(run.id(), run.pipelineName(), PipelineRunStatus.FAILED, run.startedAt(), at,
                        run.processedRecords(), run.parameters(), errorSummary));
                failed++;
            }
        }
        return failed;
    }

    synchronized List<PipelineRun> all() {
        return new ArrayList<>(runs.values());
    }

    synchronized List<PipelineRun> of(String name) {
        return runs.values().stream().filter(r -> r.pipelineName().equals(name)).toList();
    }

    private void check() {
        if (down) {
            throw new IllegalStateException("pipeline run store down");
        }
    }
}
