-- Re-identification for marketing delivery (issue 5): the pseudonym -> real user id vault and the audit log of every
-- access to it.
--
-- The vault is a table of its own, referenced by nothing and referencing nothing, so that an operator can grant it to
-- a separate database role (the only one that may read it) and give the service's ordinary role no access, e.g.
--   REVOKE ALL ON pseudonym_vault FROM analytics;  GRANT SELECT, INSERT ON pseudonym_vault TO analytics_vault;
-- This migration names no role: roles differ per installation, and the embedded server has only its owner.
-- Real ids are never stored in clear: AES-256-GCM with a random 96-bit nonce per row, the pseudonym as associated
-- data (a row copied to another pseudonym does not decrypt), the key from the environment (never in the database).
CREATE TABLE pseudonym_vault (
    pseudonym  TEXT PRIMARY KEY,
    key_id     TEXT NOT NULL,                -- the vault key the row was sealed with (rotation)
    nonce      BYTEA NOT NULL CHECK (octet_length(nonce) = 12),
    ciphertext BYTEA NOT NULL CHECK (octet_length(ciphertext) >= 16),  -- encrypted id, then the 16-byte tag
    first_seen TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE pseudonym_vault IS 'Pseudonym -> real user id, AES-256-GCM encrypted; read only by audited exports.';

-- Append-only by use: the service inserts and reads; nothing updates or deletes.
CREATE TABLE access_audit_log (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    subject      TEXT NOT NULL,              -- the caller's token subject (an admin or a service account)
    action       TEXT NOT NULL,              -- e.g. segment.export_real_ids
    resource     TEXT NOT NULL,              -- e.g. segment:<uuid>
    record_count BIGINT NOT NULL CHECK (record_count >= 0),
    detail       TEXT NOT NULL               -- the stated purpose, or why an attempt was refused
);
COMMENT ON TABLE access_audit_log IS 'Who accessed personal data, when, what and how many records.';
CREATE INDEX access_audit_log_at ON access_audit_log (at);
CREATE INDEX access_audit_log_subject_at ON access_audit_log (subject, at);
