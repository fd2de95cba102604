-- A webhook can be paused (GitHub's and Strapi's "active"): the events that happen while it is paused are not sent
-- to it, not even when it is active again. active_since is when it last became active (its creation, or its
-- resumption): an event is sent to it only if it happened since, whenever the dispatcher gets to it.
ALTER TABLE webhook ADD COLUMN active BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE webhook ADD COLUMN active_since TIMESTAMPTZ;
UPDATE webhook SET active_since = created_at;
ALTER TABLE webhook ALTER COLUMN active_since SET NOT NULL;
