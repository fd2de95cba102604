-- Webhooks: subscribers, the outbox of events (written in the transaction of the change that caused them), and
-- one delivery per event and subscriber, claimed by one instance at a time (FOR UPDATE SKIP LOCKED).
CREATE TABLE webhook (
    id          BIGSERIAL    PRIMARY KEY,
    url         VARCHAR(2000) NOT NULL,
    events      TEXT[]       NOT NULL,   -- event types, or a kind's every event as 'article.*'
    description VARCHAR(500),
    line_events BOOLEAN      NOT NULL DEFAULT false,  -- an import's changes line by line, besides import.finished
    secret      VARCHAR(100) NOT NULL,   -- whsec_<base64>: signs deliveries, so it is kept (shown once, never read out)
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_by  VARCHAR(100)
);

CREATE TABLE webhook_event (
    id          UUID         PRIMARY KEY,
    type        VARCHAR(40)  NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    payload     TEXT         NOT NULL,   -- the body every subscriber receives, byte for byte (it is signed)
    import_line BOOLEAN      NOT NULL DEFAULT false,  -- only for subscribers that asked for line events
    fanned_out  BOOLEAN      NOT NULL DEFAULT false   -- its deliveries are written
);
CREATE INDEX webhook_event_waiting_idx ON webhook_event (occurred_at) WHERE NOT fanned_out;

CREATE TABLE webhook_delivery (
    id              BIGSERIAL    PRIMARY KEY,
    webhook_id      BIGINT       NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id        UUID         NOT NULL REFERENCES webhook_event (id) ON DELETE CASCADE,
    event_type      VARCHAR(40)  NOT NULL,
    status          VARCHAR(10)  NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_attempt_at TIMESTAMPTZ,
    last_status     INT,         -- the receiver's HTTP status, null when none came
    last_error      VARCHAR(500),
    last_response   VARCHAR(1000),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_webhook_idx ON webhook_delivery (webhook_id, id);
