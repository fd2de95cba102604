-- Article details rendered once, at the first read after a change or in the background, and read by every
-- instance afterwards: the JSON (LZ4, without the view count, which is spliced in live) and what its headers need.
-- A row is current while the article's version, the render generation and the format are what it was rendered
-- with; a stale row is never served, only replaced.
CREATE TABLE article_rendered (
    article_id    BIGINT      PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    version       BIGINT      NOT NULL,  -- the article's version rendered
    generation    BIGINT      NOT NULL,  -- render_generation.value when rendering began
    format        TEXT        NOT NULL,  -- the renderer's format and configuration (the disclaimer), hashed
    packed        BYTEA       NOT NULL,  -- the JSON without the view count, LZ4-compressed
    plain_length  INT         NOT NULL,
    count_at      INT         NOT NULL,  -- where the view count goes in the JSON
    hash          TEXT        NOT NULL,  -- of the JSON without the count: the content part of the ETag
    last_modified TIMESTAMPTZ,           -- the latest change of the article or of what it shows of others
    rendered_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Bumped by every change of what an article's detail shows of others (a department, disease, doctor or hospital
-- renamed or removed): every rendered row older than it is stale. Such changes are rare; articles' own changes
-- bump their version instead.
CREATE TABLE render_generation (
    value BIGINT NOT NULL
);
INSERT INTO render_generation VALUES (0);

CREATE FUNCTION bump_render_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE render_generation SET value = value + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER department_rendered AFTER UPDATE OR DELETE ON department
    FOR EACH STATEMENT EXECUTE FUNCTION bump_render_generation();
CREATE TRIGGER disease_rendered AFTER UPDATE OR DELETE ON disease
    FOR EACH STATEMENT EXECUTE FUNCTION bump_render_generation();
CREATE TRIGGER doctor_rendered AFTER UPDATE OR DELETE ON doctor
    FOR EACH STATEMENT EXECUTE FUNCTION bump_render_generation();
CREATE TRIGGER hospital_rendered AFTER UPDATE OR DELETE ON hospital
    FOR EACH STATEMENT EXECUTE FUNCTION bump_render_generation();
