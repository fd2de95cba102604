-- Related lists (相关推荐) rendered once, at the first read of a stored list, and read by every instance after
-- that in one statement: the JSON of the list at the default limit (LZ4, without the items' view counts, which are
-- spliced in live) and what its headers need. A row is current while the stored list it was rendered from, the
-- render generation, the format and every item it shows (version, public now) are what they were, and while none of
-- the items it passed over for not being public has become public; a stale row is never served, only replaced.
CREATE TABLE article_related_rendered (
    article_id    BIGINT      PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    computed_at   TIMESTAMPTZ NOT NULL,  -- article_related.computed_at of the list rendered
    generation    BIGINT      NOT NULL,  -- render_generation.value when the items were read
    format        TEXT        NOT NULL,  -- the renderer's format and limit
    item_ids      BIGINT[]    NOT NULL,  -- the items shown, in order
    item_versions BIGINT[]    NOT NULL,  -- their versions rendered
    passed_ids    BIGINT[]    NOT NULL,  -- ids of the list before the last item shown, passed over as not public
    packed        BYTEA       NOT NULL,  -- the JSON without the view counts, LZ4-compressed
    plain_length  INT         NOT NULL,
    count_at      INT[]       NOT NULL,  -- where each item's view count goes in the JSON
    hash          TEXT        NOT NULL,  -- of the JSON without the counts: the ETag
    surrogate_key TEXT        NOT NULL,  -- the Surrogate-Key header of the answer
    rendered_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
