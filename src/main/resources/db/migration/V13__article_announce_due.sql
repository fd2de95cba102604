-- A scheduled article's article.published event goes out when it becomes due, not when it is saved: announce_due
-- marks a published article whose publishedAt lay ahead at its last write; the webhook dispatcher's poll clears the
-- mark of those now due and writes their events in the same transaction, so each is announced once, by one instance.
ALTER TABLE article ADD COLUMN announce_due BOOLEAN NOT NULL DEFAULT false;
UPDATE article SET announce_due = true WHERE status = 'published' AND published_at > now();
CREATE INDEX article_announce_due ON article (published_at) WHERE announce_due;
