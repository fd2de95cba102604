-- View counts arrive in batches from each instance's write-behind aggregator (com.bohe.content.views).

-- Views per article and day, for "most viewed in the last N days". No foreign key: a flush must never fail
-- because an article was deleted after it was viewed; the flush only inserts rows for articles that exist.
CREATE TABLE article_view_day (
    article_id BIGINT NOT NULL,
    day        DATE   NOT NULL,
    views      BIGINT NOT NULL CHECK (views >= 0),
    PRIMARY KEY (article_id, day)
);
CREATE INDEX article_view_day_day_idx ON article_view_day (day, article_id);

-- One row per applied flush batch, so that a batch whose commit outcome was unknown (the connection broke
-- during COMMIT) is never applied twice when it is retried.
CREATE TABLE view_flush (
    instance   UUID        NOT NULL,
    seq        BIGINT      NOT NULL,
    flushed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (instance, seq)
);
CREATE INDEX view_flush_flushed_at_idx ON view_flush (flushed_at);
