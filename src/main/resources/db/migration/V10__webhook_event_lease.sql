-- An event's first attempts are sent straight from the event: the dispatcher leases the event (rather than
-- writing a pending delivery per subscriber first, then leasing and updating each), sends it to its subscribers,
-- and writes each delivery once, with what the attempt came to. An instance that dies mid-send leaves the lease to
-- run out; another then sends the event to the subscribers that have no delivery yet.
ALTER TABLE webhook_event ADD COLUMN leased_until TIMESTAMPTZ;
-- Room in each page for the lease to be updated in place (a HOT update: no new index entries).
ALTER TABLE webhook_event SET (fillfactor = 70);
