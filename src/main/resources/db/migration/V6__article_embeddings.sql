-- Sentence embeddings of published articles, computed once per text and model: a restart or another instance
-- reads them instead of computing them again. content_hash is the SHA-256 (hex) of the text that was embedded
-- (com.bohe.content.embedding.EmbeddingText); a different text or model makes the row stale.
CREATE TABLE article_embedding (
    article_id   BIGINT PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    content_hash CHAR(64)     NOT NULL,
    model        VARCHAR(100) NOT NULL,
    dimension    INT          NOT NULL CHECK (dimension > 0),
    vector       BYTEA        NOT NULL,  -- dimension float32 values, big-endian
    embedded_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A new vector is a change of the article for every instance's search index (content_change, V3).
CREATE FUNCTION log_article_embedding_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO content_change (entity, entity_id) VALUES ('article', NEW.article_id);
    RETURN NULL;
END $$;
CREATE TRIGGER article_embedding_changed
    AFTER INSERT OR UPDATE ON article_embedding FOR EACH ROW EXECUTE FUNCTION log_article_embedding_change();

-- The articles each import created or changed, and whether their embedding is current yet: the import status
-- counts them.
CREATE TABLE import_article (
    import_id  UUID    NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    article_id BIGINT  NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    embedded   BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (import_id, article_id)
);
CREATE INDEX import_article_pending_idx ON import_article (article_id) WHERE NOT embedded;
