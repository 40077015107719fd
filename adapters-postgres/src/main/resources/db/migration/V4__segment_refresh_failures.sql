-- Why a segment's last refresh failed, kept across restarts (the previous snapshot stays in force meanwhile).
-- Cleared by the next successful refresh.
ALTER TABLE segment_definitions
    ADD COLUMN last_refresh_failed_at TIMESTAMPTZ,
    ADD COLUMN last_refresh_error TEXT;
