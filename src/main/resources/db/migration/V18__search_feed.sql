-- Where an external search index (OpenSearch, com.bohe.content.opensearch) stands against the change log: one row
-- per feed. Every instance reads it to know whether search through the feed is complete; the one that holds the
-- lease (leader, leased_until) feeds it, so that each change is indexed once for all of them. A feed goes on from
-- position (every change up to it indexed) and reads again what was logged after look_back_from (commits that came
-- late). index_name is the concrete index behind the alias; format says what it was built with (mapping, model):
-- another format is rebuilt beside it, then the alias flips.
CREATE TABLE search_feed (
    name           VARCHAR(40)  PRIMARY KEY,
    index_name     VARCHAR(200),
    format         VARCHAR(200),
    position       BIGINT       NOT NULL DEFAULT 0,
    look_back_from TIMESTAMPTZ,
    complete       BOOLEAN      NOT NULL DEFAULT false,
    fed_at         TIMESTAMPTZ,
    leader         VARCHAR(100),
    leased_until   TIMESTAMPTZ
);
