-- Cursor paging of /articles walks published articles newest first, ties by the higher id, with a row comparison
-- (published_at, id) < (cursor): this index serves it, so page 10,000 costs what page 1 does.
CREATE INDEX article_published_keyset_idx ON article (published_at DESC, id DESC) WHERE status = 'published';
