-- The change log says which changes created their entity: no article shows a department, disease, doctor or
-- hospital that was not there before, so caches of articles stay when one is created (an import of 20,000
-- articles with their new departments emptied them on every instance, through this log).
ALTER TABLE content_change ADD COLUMN created BOOLEAN NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION log_content_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO content_change (entity, entity_id) VALUES (TG_ARGV[0], OLD.id);
        RETURN OLD;
    END IF;
    INSERT INTO content_change (entity, entity_id, created) VALUES (TG_ARGV[0], NEW.id, TG_OP = 'INSERT');
    RETURN NEW;
END $$;
