package com.bohe.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The scorer on a small labelled set written for the project (src/test/resources/related-sample.jsonl): three
 * departments, with two titles that occur twice. Text alone must keep lists inside their department.
 */
class RelatedScorerTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static ArticleIndex index;
    static final Map<Long, String> LABELS = new HashMap<>();
    static final Map<Long, String> TITLES = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        index = new ArticleIndex();
        List<IndexedArticle> articles = new ArrayList<>();
        try (InputStream in = RelatedScorerTest.class.getResourceAsStream("/related-sample.jsonl")) {
            ObjectMapper json = new ObjectMapper();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode row = json.readTree(line);
                long id = articles.size() + 1;
                LABELS.put(id, row.get("department").asText());
                TITLES.put(id, row.get("title").asText());
                String department = row.get("department").asText();
                long departmentId = department.hashCode() & 0xffff;
                articles.add(new IndexedArticle(id, "s-" + id, row.get("title").asText(),
                        row.get("ask").asText() + "\n" + row.get("answer").asText(), NOW.minus(id, ChronoUnit.DAYS), id,
                        departmentId, "d-" + departmentId, null, null, department, List.of(), null, List.of()));
            }
        }
        index.put(articles);
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void shouldKeepListsInsideTheirDepartment() {
        // Seven short articles per department: a random list would score about 0.3.
        double text = precisionAt3(RelatedScorer.Weights.TEXT_ONLY);
        assertTrue(text >= 0.6, "text-only department precision@3 was " + text);
        double full = precisionAt3(RelatedScorer.Weights.DEFAULT);
        assertTrue(full >= 0.75, "department precision@3 with structure was " + full);
        assertTrue(full > text, "the department signal must help");
    }

    private static double precisionAt3(RelatedScorer.Weights weights) {
        double precision = 0;
        for (long id : LABELS.keySet()) {
            List<RelatedHit> hits = index.related(id, 3, NOW, weights);
            assertEquals(3, hits.size());
            precision += hits.stream().filter(h -> LABELS.get(h.id()).equals(LABELS.get(id))).count() / 3.0;
        }
        return precision / LABELS.size();
    }

    @Test
    void shouldNeverReturnTheArticleItselfOrARepeatedTitle() {
        for (long id : LABELS.keySet()) {
            List<RelatedHit> hits = index.related(id, 10, NOW, RelatedScorer.Weights.DEFAULT);
            Set<String> titles = new HashSet<>();
            titles.add(TITLES.get(id));
            for (RelatedHit hit : hits) {
                assertFalse(hit.id() == id, "self-hit for " + id);
                assertTrue(titles.add(TITLES.get(hit.id())), "repeated title " + TITLES.get(hit.id()) + " for " + id);
                assertFalse(hit.reasons().isEmpty());
                assertTrue(hit.score() >= 0 && hit.score() <= 1);
            }
        }
    }

    @Test
    void shouldCollapseTheTwinOfARepeatedTitle() {
        // Rows 2 and 7 are both 高血压需要终身服药吗: a list shows one of them, the better.
        List<Long> ids = index.related(1, 10, NOW, RelatedScorer.Weights.TEXT_ONLY).stream().map(RelatedHit::id).toList();
        assertTrue(ids.contains(2L) ^ ids.contains(7L), "exactly one of the twins: " + ids);
    }

    @Test
    void shouldHideArticlesScheduledForLater() {
        // Article n is published n days before NOW: five days before, articles 1 to 4 were still scheduled.
        Instant before = NOW.minus(5, ChronoUnit.DAYS);
        List<Long> now = index.related(16, 10, NOW, RelatedScorer.Weights.DEFAULT).stream().map(RelatedHit::id).toList();
        List<Long> then = index.related(16, 10, before, RelatedScorer.Weights.DEFAULT).stream().map(RelatedHit::id).toList();
        List<Long> scheduled = List.of(1L, 2L, 3L, 4L);
        assertTrue(now.stream().anyMatch(scheduled::contains), "the list of 16 must hold an article of 1 to 4 once public: " + now);
        assertTrue(then.stream().noneMatch(scheduled::contains), "scheduled articles in the list: " + then);
        assertEquals(10, then.size(), "others take their places");
    }

    @Test
    void shouldBreakTiesByTheLowerId() {
        // Two articles that score the same against the first (same body, department, day and views; titles that
        // share nothing with it), added higher id first.
        try (ArticleIndex ties = new ArticleIndex()) {
            ties.put(List.of(tie(1, "面瘫怎么办", "面瘫后眼睛闭不上，口角歪斜，应尽早就医，接受规范治疗。"),
                    tie(9, "甲乙丙", "面瘫的治疗包括药物、理疗和针灸，眼睛闭不上要注意保护角膜。"),
                    tie(4, "丁戊己", "面瘫的治疗包括药物、理疗和针灸，眼睛闭不上要注意保护角膜。")));
            List<RelatedHit> hits = ties.related(1, 10, NOW, RelatedScorer.Weights.DEFAULT);
            assertEquals(List.of(4L, 9L), hits.stream().map(RelatedHit::id).toList());
            assertEquals(hits.get(0).score(), hits.get(1).score(), "a tie");
        }
    }

    private static IndexedArticle tie(long id, String title, String body) {
        return new IndexedArticle(id, "t-" + id, title, body, NOW.minus(1, ChronoUnit.DAYS), 100, 7L, "d-7", null, null,
                "神经内科", List.of(), null, List.of());
    }

    @Test
    void shouldTellNearlyIdenticalTitlesApart() {
        assertTrue(new TitleKey("面瘫与面肌痉挛的区别").nearlySame(new TitleKey("面瘫与面肌痉挛区别")));
        assertTrue(new TitleKey("面肌痉挛与面瘫的区别").nearlySame(new TitleKey("面瘫与面肌痉挛的区别")));
        assertTrue(new TitleKey("高血压需要终身服药吗？").nearlySame(new TitleKey("高血压需要终身服药吗")));
        assertFalse(new TitleKey("面瘫能导致面肌痉挛吗").nearlySame(new TitleKey("面瘫后的面肌痉挛")));
        assertFalse(new TitleKey("慢性胃炎吃什么好").nearlySame(new TitleKey("慢性胃炎怎么治")));
    }

    @Test
    void shouldKeepTheMostBoostedClausesWhateverTheirOrder() {
        org.apache.lucene.search.BooleanQuery.Builder query = new org.apache.lucene.search.BooleanQuery.Builder();
        float[] boosts = { 0.9f, 0.2f, 1.0f, 0.5f, 0.5f, 0.1f };
        for (int i = 0; i < boosts.length; i++) {
            query.add(new org.apache.lucene.search.BoostQuery(new org.apache.lucene.search.TermQuery(
                    new org.apache.lucene.index.Term("body", "t" + i)), boosts[i]),
                    org.apache.lucene.search.BooleanClause.Occur.SHOULD);
        }
        org.apache.lucene.search.BooleanQuery best = (org.apache.lucene.search.BooleanQuery) RelatedScorer.bestClauses(query.build(), 3);
        // t2 (1.0), t0 (0.9), and of the two at 0.5 the later one, t4; in the order they were written.
        assertEquals(List.of("body:t0", "body:t2", "body:t4"), best.clauses().stream()
                .map(c -> ((org.apache.lucene.search.BoostQuery) c.getQuery()).getQuery().toString()).toList());
    }
}
