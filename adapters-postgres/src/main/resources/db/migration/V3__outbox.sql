-- The transactional outbox: events this service publishes (spec 5.1), appended in the same transaction as the
-- state change they announce, delivered by a relay at least once, in order of appending (sequence).
CREATE TABLE outbox_events (
    sequence        BIGSERIAL PRIMARY KEY,
    event_id        UUID NOT NULL UNIQUE,
    event_type      VARCHAR(255) NOT NULL,
    subject         VARCHAR(255) NOT NULL,
    event_time      TIMESTAMPTZ NOT NULL,
    cloud_event     TEXT NOT NULL,                  -- the CloudEvent JSON exactly as it is published
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INTEGER NOT NULL DEFAULT 0,     -- failed deliveries so far
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    leased_until    TIMESTAMPTZ,                    -- a relay holds the event until then
    last_error      TEXT,
    published_at    TIMESTAMPTZ
);

-- the relay's question: what is pending, oldest first
CREATE INDEX outbox_events_pending ON outbox_events (sequence) WHERE published_at IS NULL;
