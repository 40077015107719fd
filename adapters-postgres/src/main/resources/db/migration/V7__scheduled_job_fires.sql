-- The scheduler (issue 6): each job's fire time runs once across every instance of the service.
-- A claim is a row: the first INSERT ... ON CONFLICT DO NOTHING of (job_name, fire_time) wins. Chosen over advisory
-- locks because a claim must outlive its holder: an advisory lock is released when its session ends, so an instance
-- arriving after the winner finished would take the lock again and run the same fire time twice (and holding a lock
-- for a whole run pins a pooled connection). The row also tells a restarting instance which fire time ran last.
CREATE TABLE scheduled_job_fires (
    job_name VARCHAR(255) NOT NULL,
    fire_time TIMESTAMPTZ NOT NULL,
    claimed_by VARCHAR(255) NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (job_name, fire_time)
);
COMMENT ON TABLE scheduled_job_fires IS 'Once-only claims of scheduled job fire times across service instances.';

-- GET /pipelines/runs lists newest first, with or without a name; the spec's index covers (name, status, start).
CREATE INDEX idx_data_pipeline_runs_start_time_id ON data_pipeline_runs(start_time DESC, id DESC);
CREATE INDEX idx_data_pipeline_runs_name_start_time ON data_pipeline_runs(pipeline_name, start_time DESC, id DESC);
