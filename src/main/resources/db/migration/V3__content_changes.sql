-- A log of content changes, written by triggers, so that every instance's search index catches up on changes
-- made by the others, deletions included. Updates of view_count alone are not changes: the view flush would
-- otherwise log a row per article per second.
CREATE TABLE content_change (
    id         BIGSERIAL PRIMARY KEY,
    entity     VARCHAR(20) NOT NULL,
    entity_id  BIGINT      NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX content_change_changed_at_idx ON content_change (changed_at);

CREATE FUNCTION log_content_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO content_change (entity, entity_id) VALUES (TG_ARGV[0], OLD.id);
        RETURN OLD;
    END IF;
    INSERT INTO content_change (entity, entity_id) VALUES (TG_ARGV[0], NEW.id);
    RETURN NEW;
END $$;

CREATE FUNCTION log_article_disease_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO content_change (entity, entity_id)
    VALUES ('article', CASE WHEN TG_OP = 'DELETE' THEN OLD.article_id ELSE NEW.article_id END);
    RETURN NULL;
END $$;

CREATE TRIGGER article_changed
    AFTER INSERT OR DELETE OR UPDATE OF slug, title, summary, body, status, published_at, department_id, reviewer_id, tags
    ON article FOR EACH ROW EXECUTE FUNCTION log_content_change('article');
CREATE TRIGGER article_disease_changed
    AFTER INSERT OR UPDATE OR DELETE ON article_disease FOR EACH ROW EXECUTE FUNCTION log_article_disease_change();
CREATE TRIGGER disease_changed
    AFTER INSERT OR UPDATE OR DELETE ON disease FOR EACH ROW EXECUTE FUNCTION log_content_change('disease');
CREATE TRIGGER doctor_changed
    AFTER INSERT OR UPDATE OR DELETE ON doctor FOR EACH ROW EXECUTE FUNCTION log_content_change('doctor');
CREATE TRIGGER hospital_changed
    AFTER INSERT OR UPDATE OR DELETE ON hospital FOR EACH ROW EXECUTE FUNCTION log_content_change('hospital');
CREATE TRIGGER department_changed
    AFTER INSERT OR UPDATE OR DELETE ON department FOR EACH ROW EXECUTE FUNCTION log_content_change('department');
