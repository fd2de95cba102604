package com.bohe.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Search and related ranking on a small index with hand-made vectors, so that the semantic part is exact: OR
 * semantics, coverage and proximity, quotes, neighbours admitted above the floor only, and 语义相近 only where the
 * meaning counted.
 */
class HybridRankingTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    ArticleIndex index = new ArticleIndex();

    @AfterEach
    void close() {
        index.close();
    }

    static IndexedArticle article(long id, String title, String body, float[] vector) {
        return new IndexedArticle(id, "a-" + id, title, body, NOW.minusSeconds(3600 + id), 10, 1L, "ke", null, null, "科",
                List.of(), null, List.of(), vector);
    }

    /** A unit vector: mostly axis {@code axis}, a little of axis 7, so that cosines between axes are about 0.02. */
    static float[] unit(int axis) {
        float[] v = new float[8];
        v[axis] = 0.99f;
        v[7] = (float) Math.sqrt(1 - 0.99 * 0.99);
        return v;
    }

    /** A unit vector between two axes, at cosine {@code cos} to the first. */
    static float[] between(int a, int b, double cos) {
        float[] v = new float[8];
        v[a] = (float) cos;
        v[b] = (float) Math.sqrt(1 - cos * cos);
        return v;
    }

    SearchHits search(String q, float[] vector) {
        return index.search(q, vector, ArticleFilters.NONE, 0, 10, NOW);
    }

    @Test
    void shouldRankTheWholePhraseAboveScatteredCharactersAndMatchAnyBigram() {
        index.put(List.of(
                article(1, "面部抽动的处理", "面肌抽动时，另有一种痉挛也会出现。", null),
                article(2, "面肌痉挛的治疗", "面肌痉挛首选肉毒素注射。", null),
                article(3, "高血压的饮食", "少盐少油。", null)));
        SearchHits hits = search("面肌痉挛", null);
        assertEquals(List.of(2L, 1L), hits.ids(), "both hold bigrams of the query; the whole word ranks first");
        assertEquals(2, hits.total());
        // A long question with one telling bigram still finds it; the AND of every bigram found nothing here.
        assertEquals(2L, search("请问面肌痉挛到底应该挂哪个科室看呢", null).ids().get(0));
    }

    @Test
    void shouldNotLetCommonBigramsAloneMatchInALargeIndexAndExpandALoneCharacter() {
        List<IndexedArticle> filler = new java.util.ArrayList<>();
        for (long id = 1; id <= 1_100; id++) {
            filler.add(article(id, "问答" + id, "这是什么问题，医生可以回答。", null));
        }
        filler.add(article(2_000, "獭兔是什么", "獭兔是本测试虚构的名字。", null));
        filler.add(article(2_001, "咳嗽怎么办", "咳嗽时多喝水。", null));
        index.put(filler);
        // 是什 and 什么 are in every article: only the one holding 獭兔 matches (they count in its coverage).
        SearchHits hits = search("獭兔是什么", null);
        assertEquals(1, hits.total());
        assertEquals(List.of(2_000L), hits.ids());
        // A query of common bigrams alone still matches by them.
        assertEquals(1_101, search("是什么", null).total());
        // A lone character stands for the bigrams it starts.
        assertEquals(List.of(2_001L), search("咳", null).ids());
    }

    @Test
    void shouldRequireQuotedTextAsWritten() {
        index.put(List.of(
                article(1, "面部抽动的处理", "面肌抽动时，另有一种痉挛也会出现。", null),
                article(2, "面肌痉挛的治疗", "面肌痉挛首选肉毒素注射。", null),
                article(4, "治疗面瘫", "面瘫的治疗。", null)));
        assertEquals(List.of(2L), search("\"面肌痉挛\"", null).ids());
        assertEquals(List.of(2L), search("“面肌痉挛” 治疗", null).ids(), "free words rank, quoted ones filter");
        assertEquals(List.of(), search("\"痉挛面肌\"", null).ids());
        assertEquals(3, search("面肌痉挛 治疗", null).total(), "without quotes any bigram matches");
        // An unmatched quote is a character, not an error.
        assertEquals(2L, search("面肌痉挛\"", null).ids().get(0));
    }

    @Test
    void shouldAdmitNeighboursAboveTheFloorAndLetMeaningReorder() {
        index.put(List.of(
                article(1, "口眼歪斜怎么办", "需要尽早就医。", between(0, 1, 0.9)),
                article(2, "偏头痛发作", "可以冷敷。", unit(2)),
                // Cosine 0.75: above the floor of 0.6 from which meaning counts (ArticleSearch.Weights).
                article(3, "面瘫的护理", "注意保暖，面瘫患者要保护眼睛。", between(0, 3, 0.75)),
                article(4, "面瘫与饮食", "面瘫的饮食，面瘫的面瘫。", unit(4))));
        float[] query = unit(0);
        SearchHits lexical = search("面瘫", null);
        assertEquals(List.of(4L, 3L), lexical.ids());
        SearchHits hybrid = search("面瘫", query);
        // 1 shares no bigram but means the same (cosine 0.9); 2 means something else and stays out.
        assertEquals(3, hybrid.total());
        assertTrue(hybrid.ids().containsAll(List.of(1L, 3L, 4L)) && !hybrid.ids().contains(2L), hybrid.ids().toString());
        assertTrue(hybrid.ids().indexOf(3L) < hybrid.ids().indexOf(4L), "meaning lifts 3 above the keyword-stuffed 4: " + hybrid.ids());
        assertEquals(hybrid.ids(), search("面瘫", query).ids(), "deterministic");
    }

    @Test
    void shouldGiveTheSemanticReasonOnlyWhereMeaningCounted() {
        index.put(List.of(
                article(1, "面瘫的早期治疗", "面瘫早期可以使用激素治疗，配合针灸。", unit(0)),
                article(2, "面瘫的早期康复", "面瘫早期康复训练很重要，配合针灸。", between(0, 1, 0.95)),
                article(3, "面瘫早期的针灸", "面瘫早期针灸治疗的时机。", unit(3))));
        Map<Long, List<String>> reasons = index.related(1, 10, NOW, RelatedScorer.Weights.DEFAULT).stream()
                .collect(Collectors.toMap(RelatedHit::id, RelatedHit::reasons));
        assertTrue(reasons.get(2L).contains("语义相近"), reasons.toString());
        assertFalse(reasons.get(3L).contains("语义相近"), "orthogonal meaning: " + reasons);
        index.related(1, 10, NOW, RelatedScorer.Weights.TEXT_ONLY)
                .forEach(hit -> assertFalse(hit.reasons().contains("语义相近"), "text-only mode: " + hit));
        ArticleIndex noVectors = new ArticleIndex();
        try {
            noVectors.put(List.of(article(1, "面瘫的早期治疗", "面瘫早期可以使用激素治疗，配合针灸。", null),
                    article(2, "面瘫的早期康复", "面瘫早期康复训练很重要，配合针灸。", null)));
            noVectors.related(1, 10, NOW, RelatedScorer.Weights.DEFAULT)
                    .forEach(hit -> assertFalse(hit.reasons().contains("语义相近"), "no vectors: " + hit));
        } finally {
            noVectors.close();
        }
    }
}
