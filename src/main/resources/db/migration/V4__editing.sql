-- Editing: versions for optimistic locking (ETag / If-Match), who changed what and when, API tokens, import jobs.

ALTER TABLE department ADD COLUMN version BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now(), ADD COLUMN updated_by VARCHAR(100);
ALTER TABLE hospital ADD COLUMN version BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now(), ADD COLUMN updated_by VARCHAR(100);
ALTER TABLE disease ADD COLUMN version BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now(), ADD COLUMN updated_by VARCHAR(100);
ALTER TABLE doctor ADD COLUMN version BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now(), ADD COLUMN updated_by VARCHAR(100);
ALTER TABLE article ADD COLUMN version BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now(), ADD COLUMN updated_by VARCHAR(100);

-- Bearer tokens. The secret is never stored: only its SHA-256. A token reads "cat_<id>_<secret>", so that the
-- row is found by id and the hashes are compared in constant time.
CREATE TABLE api_token (
    id           BIGSERIAL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    scopes       TEXT[]       NOT NULL,
    secret_hash  BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_by   VARCHAR(100),
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ
);

-- Bulk imports run in the background; any instance answers for any job.
CREATE TABLE import_job (
    id          UUID PRIMARY KEY,
    status      VARCHAR(10)  NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    lines_read  BIGINT       NOT NULL DEFAULT 0,
    created     BIGINT       NOT NULL DEFAULT 0,
    updated     BIGINT       NOT NULL DEFAULT 0,
    unchanged   BIGINT       NOT NULL DEFAULT 0,
    failed      BIGINT       NOT NULL DEFAULT 0,
    errors      JSONB        NOT NULL DEFAULT '[]',
    message     VARCHAR(500),
    started_by  VARCHAR(100),
    started_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
);
