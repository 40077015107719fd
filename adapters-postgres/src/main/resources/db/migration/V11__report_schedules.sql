-- Report schedules (issue 6): a definition requested on a cron in a time zone with stored parameters, with its
-- owner's scope. A fire is taken by the UPDATE that moves last_fire_at from the value the taker read, so two instances
-- cannot both request it.
CREATE TABLE report_schedules (
    id UUID PRIMARY KEY,
    report_definition_id UUID NOT NULL REFERENCES report_definitions(id) ON DELETE CASCADE,
    cron_expression VARCHAR(100) NOT NULL,
    time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC',
    parameters JSONB NOT NULL DEFAULT '{}'::jsonb,
    output_format VARCHAR(20) NOT NULL,
    owner_subject VARCHAR(255) NOT NULL,
    developer_id VARCHAR(255),
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    last_fire_at TIMESTAMPTZ,
    last_report_instance_id UUID,
    last_error TEXT
);
COMMENT ON TABLE report_schedules IS 'Отчёты по расписанию: определение, cron, сохранённые параметры, владелец.';
CREATE INDEX idx_report_schedules_developer_id ON report_schedules(developer_id);
