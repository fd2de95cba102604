-- Two index entries per delivery, not three: every delivery is written for one subscriber and read through it (its
-- list, newest first; a replay by the API's path; the cascade when the webhook goes), so the primary key leads with
-- the webhook and the list's own index goes. The one-per-event-and-subscriber key leads with the event: the
-- dispatcher's "has this subscriber a delivery of this event" names both, and removing an old event (its deliveries
-- go with it, by cascade) finds them by event instead of reading the whole index.
ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_pkey;
ALTER TABLE webhook_delivery ADD PRIMARY KEY (webhook_id, id);
DROP INDEX webhook_delivery_webhook_idx;
ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_webhook_id_event_id_key;
ALTER TABLE webhook_delivery ADD CONSTRAINT webhook_delivery_event_webhook_key UNIQUE (event_id, webhook_id);
