-- Uploaded pictures. The row is the file's metadata; its bytes live in storage (a directory or an S3 bucket)
-- under originals/<storage_key>, and its variants under variants/<storage_key>/. A row is written only after its
-- bytes are stored; bytes without a row (an upload that failed half-way) are swept. A file never changes: a new
-- picture is a new upload, so its variants can be cached for a year.
CREATE TABLE file (
    id             BIGSERIAL    PRIMARY KEY,
    storage_key    VARCHAR(64)  NOT NULL UNIQUE,
    type           VARCHAR(40)  NOT NULL,             -- the media type, from the bytes
    width          INT          NOT NULL,             -- as shown, after the EXIF orientation
    height         INT          NOT NULL,
    bytes          BIGINT       NOT NULL,
    sha256         CHAR(64)     NOT NULL,
    orientation    SMALLINT     NOT NULL DEFAULT 1,   -- the original's EXIF orientation, applied to every variant
    filename       VARCHAR(255),
    title          VARCHAR(200),
    alt            VARCHAR(500),
    blurhash       VARCHAR(100) NOT NULL,
    dominant_color CHAR(7)      NOT NULL,
    created_by     VARCHAR(100),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX file_created ON file (created_at DESC, id DESC);

-- What shows a picture. A file that something shows cannot be deleted (409 names what): the key refuses it.
ALTER TABLE article ADD COLUMN cover_id BIGINT REFERENCES file (id);
ALTER TABLE doctor ADD COLUMN photo_id BIGINT REFERENCES file (id);
ALTER TABLE hospital ADD COLUMN photo_id BIGINT REFERENCES file (id);
CREATE INDEX article_cover ON article (cover_id) WHERE cover_id IS NOT NULL;
CREATE INDEX doctor_photo ON doctor (photo_id) WHERE photo_id IS NOT NULL;
CREATE INDEX hospital_photo ON hospital (photo_id) WHERE photo_id IS NOT NULL;

-- A new cover is a change of the article, for the search index and every instance's caches.
DROP TRIGGER article_changed ON article;
CREATE TRIGGER article_changed
    AFTER INSERT OR DELETE OR UPDATE OF slug, title, summary, body, status, published_at, department_id, reviewer_id, tags, cover_id
    ON article FOR EACH ROW EXECUTE FUNCTION log_content_change('article');

-- A file's alt text or title shows in the details of what shows it: a change of it is a change of those (logged,
-- so that every instance drops them from its caches), and kept renders are stale.
CREATE FUNCTION log_file_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO content_change (entity, entity_id) SELECT 'article', id FROM article
        WHERE cover_id = NEW.id OR body ~ ('\(/assets/' || NEW.id || '([?#) ]|$)');
    INSERT INTO content_change (entity, entity_id) SELECT 'doctor', id FROM doctor WHERE photo_id = NEW.id;
    INSERT INTO content_change (entity, entity_id) SELECT 'hospital', id FROM hospital WHERE photo_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER file_changed AFTER UPDATE OF alt, title ON file
    FOR EACH ROW EXECUTE FUNCTION log_file_change();
CREATE TRIGGER file_rendered AFTER UPDATE OF alt, title ON file
    FOR EACH STATEMENT EXECUTE FUNCTION bump_render_generation();
