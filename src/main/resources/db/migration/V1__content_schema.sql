-- The content model. One dialect everywhere: PostgreSQL.

CREATE TABLE department (
    id          BIGSERIAL PRIMARY KEY,
    slug        VARCHAR(120) NOT NULL UNIQUE,
    name        VARCHAR(100) NOT NULL,
    parent_id   BIGINT REFERENCES department (id),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX department_parent_idx ON department (parent_id);

CREATE TABLE hospital (
    id          BIGSERIAL PRIMARY KEY,
    slug        VARCHAR(120) NOT NULL UNIQUE,
    name        VARCHAR(200) NOT NULL,
    level       VARCHAR(20),
    type        VARCHAR(10) NOT NULL CHECK (type IN ('综合', '专科')),
    province    VARCHAR(50) NOT NULL,
    city        VARCHAR(50) NOT NULL,
    address     VARCHAR(300),
    phone       VARCHAR(50),
    intro       TEXT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX hospital_city_idx ON hospital (province, city);

CREATE TABLE hospital_department (
    hospital_id   BIGINT NOT NULL REFERENCES hospital (id) ON DELETE CASCADE,
    department_id BIGINT NOT NULL REFERENCES department (id),
    PRIMARY KEY (hospital_id, department_id)
);
CREATE INDEX hospital_department_department_idx ON hospital_department (department_id);

CREATE TABLE disease (
    id            BIGSERIAL PRIMARY KEY,
    slug          VARCHAR(120) NOT NULL UNIQUE,
    name          VARCHAR(100) NOT NULL,
    aliases       TEXT[] NOT NULL DEFAULT '{}',
    department_id BIGINT REFERENCES department (id),
    summary       TEXT,
    overview      TEXT,
    symptoms      TEXT,
    causes        TEXT,
    diagnosis     TEXT,
    treatment     TEXT,
    prevention    TEXT,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX disease_department_idx ON disease (department_id);

CREATE TABLE doctor (
    id            BIGSERIAL PRIMARY KEY,
    slug          VARCHAR(120) NOT NULL UNIQUE,
    name          VARCHAR(50) NOT NULL,
    title         VARCHAR(20) NOT NULL CHECK (title IN ('主任医师', '副主任医师', '主治医师', '医师')),
    department_id BIGINT REFERENCES department (id),
    hospital_id   BIGINT REFERENCES hospital (id),
    bio           TEXT,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX doctor_department_idx ON doctor (department_id);
CREATE INDEX doctor_hospital_idx ON doctor (hospital_id);

CREATE TABLE doctor_disease (
    doctor_id  BIGINT NOT NULL REFERENCES doctor (id) ON DELETE CASCADE,
    disease_id BIGINT NOT NULL REFERENCES disease (id),
    PRIMARY KEY (doctor_id, disease_id)
);
CREATE INDEX doctor_disease_disease_idx ON doctor_disease (disease_id);

CREATE TABLE article (
    id            BIGSERIAL PRIMARY KEY,
    slug          VARCHAR(200) NOT NULL UNIQUE,
    title         VARCHAR(200) NOT NULL,
    summary       VARCHAR(500),
    auto_summary  VARCHAR(500) NOT NULL,
    body          TEXT NOT NULL,
    status        VARCHAR(10) NOT NULL CHECK (status IN ('draft', 'published')),
    published_at  TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    view_count    BIGINT NOT NULL DEFAULT 0 CHECK (view_count >= 0),
    department_id BIGINT REFERENCES department (id),
    reviewer_id   BIGINT REFERENCES doctor (id),
    tags          TEXT[] NOT NULL DEFAULT '{}'
);
-- Public lists filter on status and publication time and sort by these columns; ties break by id.
CREATE INDEX article_published_idx ON article (published_at DESC, id) WHERE status = 'published';
CREATE INDEX article_view_count_idx ON article (view_count DESC, id) WHERE status = 'published';
CREATE INDEX article_department_idx ON article (department_id);
CREATE INDEX article_reviewer_idx ON article (reviewer_id);
CREATE INDEX article_tags_idx ON article USING GIN (tags);

CREATE TABLE article_disease (
    article_id BIGINT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    disease_id BIGINT NOT NULL REFERENCES disease (id),
    PRIMARY KEY (article_id, disease_id)
);
CREATE INDEX article_disease_disease_idx ON article_disease (disease_id);
