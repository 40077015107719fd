-- The model registry (issue 7). ml_model_metadata (V1, the spec's table) gains how a version's artifact is served and
-- who registered it: the spec's registered_by_user_id is a UUID of another service's users table, while a caller here
-- is a token's subject (an admin, a service account, a built-in trainer), so the subject is kept as text beside it.
ALTER TABLE ml_model_metadata
    ADD COLUMN model_format VARCHAR(32) NOT NULL DEFAULT 'onnx'
        CHECK (model_format IN ('onnx', 'holt_winters', 'item_similarity', 'isolation_forest')),
    ADD COLUMN registered_by TEXT;

-- at most one production version per model name, whoever promotes concurrently: a promotion archives the current
-- production version first, in the same transaction
CREATE UNIQUE INDEX ml_model_metadata_one_production ON ml_model_metadata (model_name)
    WHERE deployment_status = 'production';
-- GET /predictions/models: newest first
CREATE INDEX ml_model_metadata_by_time ON ml_model_metadata (created_at DESC, id);

-- Every stage change of a model version, its registration included (from_status NULL): promotions, the archiving of
-- the version a promotion replaces, rollbacks. id orders changes recorded in the same instant.
CREATE TABLE ml_model_stage_changes (
    id            BIGSERIAL PRIMARY KEY,
    model_id      UUID NOT NULL REFERENCES ml_model_metadata (id) ON DELETE CASCADE,
    model_name    VARCHAR(255) NOT NULL,
    model_version VARCHAR(50) NOT NULL,
    from_status   VARCHAR(50) CHECK (from_status IN ('development', 'staging', 'production', 'archived', 'failed')),
    to_status     VARCHAR(50) NOT NULL CHECK (to_status IN ('development', 'staging', 'production', 'archived', 'failed')),
    actor         TEXT NOT NULL,
    reason        TEXT,
    changed_at    TIMESTAMPTZ NOT NULL
);

-- a model's history, oldest first
CREATE INDEX ml_model_stage_changes_by_name ON ml_model_stage_changes (model_name, changed_at, id);
