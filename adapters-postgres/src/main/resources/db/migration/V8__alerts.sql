-- Alert rules (issue 6): a metric (breakdown and filters as in the metrics API), the granularity of the periods it is
-- judged on, a condition (threshold, relative change, anomaly) and a severity.
CREATE TABLE alert_rules (
    id          UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    name        VARCHAR(255) NOT NULL UNIQUE,
    description TEXT,
    metric_name VARCHAR(255) NOT NULL,
    granularity VARCHAR(16) NOT NULL CHECK (granularity IN ('day', 'week', 'month')),
    time_zone   VARCHAR(64) NOT NULL DEFAULT 'UTC',
    dimensions  JSONB NOT NULL DEFAULT '[]',     -- ["platform", ...]
    filters     JSONB NOT NULL DEFAULT '{}',     -- {"country": ["RU"], ...}
    condition   JSONB NOT NULL,                  -- {"type": "anomaly", ...}
    severity    VARCHAR(16) NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
    enabled     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One firing of a rule for one series (dimension combination): opened FIRING with the numbers of the evaluation that
-- found the condition, RESOLVED by the first evaluation that found it cleared.
CREATE TABLE alert_events (
    id              UUID PRIMARY KEY,
    rule_id         UUID NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    rule_name       VARCHAR(255) NOT NULL,           -- as it was named when it fired
    metric_name     VARCHAR(255) NOT NULL,
    series_key      TEXT NOT NULL DEFAULT '',        -- "country=RU|platform=pc"; '' without a breakdown
    dimensions      JSONB NOT NULL DEFAULT '{}',
    status          VARCHAR(16) NOT NULL CHECK (status IN ('firing', 'resolved')),
    period_start    DATE NOT NULL,
    observed_value  DOUBLE PRECISION NOT NULL,
    threshold_value DOUBLE PRECISION NOT NULL,
    expected_value  DOUBLE PRECISION,
    deviation       DOUBLE PRECISION NOT NULL,
    severity        VARCHAR(16) NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
    description     TEXT NOT NULL,
    triggered_at    TIMESTAMPTZ NOT NULL,
    resolved_at     TIMESTAMPTZ,
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);

-- the de-duplication's guarantee: at most one FIRING event per rule and series, whoever evaluates concurrently
CREATE UNIQUE INDEX alert_events_one_firing ON alert_events (rule_id, series_key) WHERE status = 'firing';
-- GET /alerts/events: newest first, optionally by status
CREATE INDEX alert_events_by_time ON alert_events (triggered_at DESC, id);
