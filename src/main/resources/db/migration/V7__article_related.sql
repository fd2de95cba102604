-- Related lists (相关推荐) computed ahead, in the background, when an article or its neighbourhood changes: a
-- restart or another instance reads them instead of computing them again. One row per article, best first; the
-- lists may name articles that have since been unpublished or deleted, which reads filter out.
CREATE TABLE article_related (
    article_id  BIGINT      PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    related_ids BIGINT[]    NOT NULL,
    scores      REAL[]      NOT NULL,
    reasons     TEXT        NOT NULL,  -- a JSON array: the reasons of each related article, in order
    with_vector BOOLEAN     NOT NULL,  -- whether the article's embedding took part
    computed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX article_related_computed_idx ON article_related (computed_at);
