-- Work left behind by a stopped instance (issue 6): with several instances, a restarting one must not fail what
-- another live instance is generating or running. Each instance beats (every 15 s) on the report instances it has
-- queued or is generating and on the pipeline runs it is running; what has not been beaten on for a while belongs to
-- an instance that stopped, and any instance's recovery marks it failed. A row without beat counts from its start.
ALTER TABLE report_instances ADD COLUMN owner_instance VARCHAR(255);
ALTER TABLE report_instances ADD COLUMN heartbeat_at TIMESTAMPTZ;
CREATE INDEX idx_report_instances_unfinished ON report_instances(status) WHERE status IN ('requested', 'generating');

ALTER TABLE data_pipeline_runs ADD COLUMN heartbeat_at TIMESTAMPTZ;
CREATE INDEX idx_data_pipeline_runs_running ON data_pipeline_runs(status) WHERE status = 'running';

-- claims are pruned (keeping each job's latest, where a starting scheduler looks for missed runs)
CREATE INDEX idx_scheduled_job_fires_fire_time ON scheduled_job_fires(fire_time);
