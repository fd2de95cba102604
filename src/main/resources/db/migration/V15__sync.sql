-- Delta sync (GET /sync). Every row of content carries the transaction that last changed its document
-- (sync_xid: that transaction's 64-bit id); a row that leaves public view leaves a tombstone. A sync reads what
-- changed between two horizons: the oldest transaction still running when each sync began
-- (pg_snapshot_xmin). Every transaction below a horizon has ended, so a change committed late is read by the
-- next sync, never lost; the change log's ids (content_change), assigned before commit, could not say that.
-- A view count alone is not a change; a change of what a document shows of another (a disease's name in an
-- article) is a change of that document.

CREATE FUNCTION sync_xid() RETURNS BIGINT LANGUAGE sql VOLATILE AS $$
    SELECT pg_current_xact_id()::text::bigint
$$;

ALTER TABLE article ADD COLUMN sync_xid BIGINT NOT NULL DEFAULT 0;
ALTER TABLE disease ADD COLUMN sync_xid BIGINT NOT NULL DEFAULT 0;
ALTER TABLE doctor ADD COLUMN sync_xid BIGINT NOT NULL DEFAULT 0;
ALTER TABLE hospital ADD COLUMN sync_xid BIGINT NOT NULL DEFAULT 0;
ALTER TABLE department ADD COLUMN sync_xid BIGINT NOT NULL DEFAULT 0;
-- Pages go by (sync_xid, id): an initial sync and a delta are the same range scan.
CREATE INDEX article_sync ON article (sync_xid, id) WHERE status = 'published';
CREATE INDEX disease_sync ON disease (sync_xid, id);
CREATE INDEX doctor_sync ON doctor (sync_xid, id);
CREATE INDEX hospital_sync ON hospital (sync_xid, id);
CREATE INDEX department_sync ON department (sync_xid, id);

CREATE FUNCTION mark_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sync_xid := sync_xid();
    RETURN NEW;
END $$;

-- The columns of an article's document; not view_count, nor announce_due (the webhook dispatcher's mark).
CREATE TRIGGER article_sync BEFORE INSERT OR UPDATE OF slug, title, summary, auto_summary, body, status, published_at,
    department_id, reviewer_id, tags, cover_id, version, updated_at, sync_xid
    ON article FOR EACH ROW EXECUTE FUNCTION mark_sync();
CREATE TRIGGER disease_sync BEFORE INSERT OR UPDATE ON disease FOR EACH ROW EXECUTE FUNCTION mark_sync();
CREATE TRIGGER doctor_sync BEFORE INSERT OR UPDATE ON doctor FOR EACH ROW EXECUTE FUNCTION mark_sync();
CREATE TRIGGER hospital_sync BEFORE INSERT OR UPDATE ON hospital FOR EACH ROW EXECUTE FUNCTION mark_sync();
CREATE TRIGGER department_sync BEFORE INSERT OR UPDATE ON department FOR EACH ROW EXECUTE FUNCTION mark_sync();

-- What left public view, and when; kept for content.sync.retention (a token older than that is refused with 410).
-- One row per entry: leaving again moves it forward.
CREATE TABLE sync_tombstone (
    entity     VARCHAR(20) NOT NULL,
    entity_id  BIGINT      NOT NULL,
    sync_xid   BIGINT      NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (entity, entity_id)
);
CREATE INDEX sync_tombstone_xid ON sync_tombstone (entity, sync_xid, entity_id);
CREATE INDEX sync_tombstone_deleted_at ON sync_tombstone (deleted_at);

CREATE FUNCTION bury(entity TEXT, id BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO sync_tombstone (entity, entity_id, sync_xid) VALUES (entity, id, sync_xid())
    ON CONFLICT (entity, entity_id) DO UPDATE SET sync_xid = EXCLUDED.sync_xid, deleted_at = now()
$$;

-- An article is public while published and due; only one that was public leaves a tombstone (a draft never shows).
CREATE FUNCTION article_left() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'published' AND OLD.published_at <= now()
            AND (TG_OP = 'DELETE' OR NEW.status <> 'published' OR NEW.published_at IS NULL OR NEW.published_at > now()) THEN
        PERFORM bury('article', OLD.id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER article_left AFTER UPDATE OF status, published_at OR DELETE ON article
    FOR EACH ROW EXECUTE FUNCTION article_left();

CREATE FUNCTION entry_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bury(TG_ARGV[0], OLD.id);
    RETURN NULL;
END $$;
CREATE TRIGGER disease_deleted AFTER DELETE ON disease FOR EACH ROW EXECUTE FUNCTION entry_deleted('disease');
CREATE TRIGGER doctor_deleted AFTER DELETE ON doctor FOR EACH ROW EXECUTE FUNCTION entry_deleted('doctor');
CREATE TRIGGER hospital_deleted AFTER DELETE ON hospital FOR EACH ROW EXECUTE FUNCTION entry_deleted('hospital');
CREATE TRIGGER department_deleted AFTER DELETE ON department FOR EACH ROW EXECUTE FUNCTION entry_deleted('department');

-- Documents that show another: when what they show of it changes, they change. (The referenced row cannot be
-- deleted while shown: the foreign keys refuse it.) A row already marked by this transaction is not written again.
CREATE FUNCTION department_shown() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.slug, OLD.name) IS DISTINCT FROM (NEW.slug, NEW.name) THEN
        UPDATE article SET sync_xid = 0 WHERE (department_id = NEW.id) AND sync_xid <> sync_xid();
        UPDATE disease SET sync_xid = 0 WHERE (department_id = NEW.id) AND sync_xid <> sync_xid();
        UPDATE doctor SET sync_xid = 0 WHERE (department_id = NEW.id) AND sync_xid <> sync_xid();
        UPDATE hospital SET sync_xid = 0 WHERE (id IN (SELECT hospital_id FROM hospital_department WHERE department_id = NEW.id)) AND sync_xid <> sync_xid();
        UPDATE department SET sync_xid = 0 WHERE (parent_id = NEW.id OR id = NEW.parent_id) AND sync_xid <> sync_xid();
    END IF;
    IF OLD.parent_id IS DISTINCT FROM NEW.parent_id THEN
        UPDATE department SET sync_xid = 0 WHERE (id IN (OLD.parent_id, NEW.parent_id)) AND sync_xid <> sync_xid();
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER department_shown AFTER UPDATE OF slug, name, parent_id ON department
    FOR EACH ROW EXECUTE FUNCTION department_shown();

-- A department's document lists its sub-departments: one added or deleted changes its parent's.
CREATE FUNCTION department_listed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent BIGINT := CASE WHEN TG_OP = 'DELETE' THEN OLD.parent_id ELSE NEW.parent_id END;
BEGIN
    UPDATE department SET sync_xid = 0 WHERE id = parent AND sync_xid <> sync_xid();
    RETURN NULL;
END $$;
CREATE TRIGGER department_listed AFTER INSERT OR DELETE ON department
    FOR EACH ROW EXECUTE FUNCTION department_listed();

CREATE FUNCTION disease_shown() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.slug, OLD.name) IS DISTINCT FROM (NEW.slug, NEW.name) THEN
        UPDATE article SET sync_xid = 0 WHERE (id IN (SELECT article_id FROM article_disease WHERE disease_id = NEW.id)) AND sync_xid <> sync_xid();
        UPDATE doctor SET sync_xid = 0 WHERE (id IN (SELECT doctor_id FROM doctor_disease WHERE disease_id = NEW.id)) AND sync_xid <> sync_xid();
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER disease_shown AFTER UPDATE OF slug, name ON disease FOR EACH ROW EXECUTE FUNCTION disease_shown();

CREATE FUNCTION doctor_shown() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.slug, OLD.name, OLD.title, OLD.hospital_id) IS DISTINCT FROM (NEW.slug, NEW.name, NEW.title, NEW.hospital_id) THEN
        UPDATE article SET sync_xid = 0 WHERE (reviewer_id = NEW.id) AND sync_xid <> sync_xid();
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER doctor_shown AFTER UPDATE OF slug, name, title, hospital_id ON doctor
    FOR EACH ROW EXECUTE FUNCTION doctor_shown();

CREATE FUNCTION hospital_shown() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.slug, OLD.name, OLD.city) IS DISTINCT FROM (NEW.slug, NEW.name, NEW.city) THEN
        UPDATE doctor SET sync_xid = 0 WHERE (hospital_id = NEW.id) AND sync_xid <> sync_xid();
    END IF;
    IF OLD.name IS DISTINCT FROM NEW.name THEN
        UPDATE article SET sync_xid = 0 WHERE (reviewer_id IN (SELECT id FROM doctor WHERE hospital_id = NEW.id)) AND sync_xid <> sync_xid();
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER hospital_shown AFTER UPDATE OF slug, name, city ON hospital
    FOR EACH ROW EXECUTE FUNCTION hospital_shown();

CREATE FUNCTION file_shown() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.alt IS DISTINCT FROM NEW.alt THEN
        UPDATE article SET sync_xid = 0 WHERE (cover_id = NEW.id OR body ~ ('\(/assets/' || NEW.id || '([?#) ]|$)')) AND sync_xid <> sync_xid();
        UPDATE doctor SET sync_xid = 0 WHERE (photo_id = NEW.id) AND sync_xid <> sync_xid();
        UPDATE hospital SET sync_xid = 0 WHERE (photo_id = NEW.id) AND sync_xid <> sync_xid();
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER file_shown AFTER UPDATE OF alt ON file FOR EACH ROW EXECUTE FUNCTION file_shown();

-- The lists a document holds: its diseases, specialties, departments.
CREATE FUNCTION link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner BIGINT := CASE WHEN TG_OP = 'DELETE' THEN (to_jsonb(OLD) ->> TG_ARGV[1])::bigint
                         ELSE (to_jsonb(NEW) ->> TG_ARGV[1])::bigint END;
BEGIN
    EXECUTE format('UPDATE %I SET sync_xid = 0 WHERE id = $1 AND sync_xid <> sync_xid()', TG_ARGV[0]) USING owner;
    RETURN NULL;
END $$;
CREATE TRIGGER article_disease_sync AFTER INSERT OR UPDATE OR DELETE ON article_disease
    FOR EACH ROW EXECUTE FUNCTION link_changed('article', 'article_id');
CREATE TRIGGER doctor_disease_sync AFTER INSERT OR UPDATE OR DELETE ON doctor_disease
    FOR EACH ROW EXECUTE FUNCTION link_changed('doctor', 'doctor_id');
CREATE TRIGGER hospital_department_sync AFTER INSERT OR UPDATE OR DELETE ON hospital_department
    FOR EACH ROW EXECUTE FUNCTION link_changed('hospital', 'hospital_id');

-- Signs sync tokens, the same on every instance: drawn once, from the server's strong random source.
CREATE TABLE sync_key (
    key BYTEA NOT NULL
);
INSERT INTO sync_key VALUES (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
