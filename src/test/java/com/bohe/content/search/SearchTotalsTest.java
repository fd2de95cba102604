package com.bohe.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Totals are exact up to {@link ArticleSearch#EXACT_TOTAL} and a lower bound beyond, and letting Lucene skip what
 * cannot reach the window (block-max WAND) changes no ranking: every page is the one that exact counting gives.
 */
class SearchTotalsTest {

    private static final String[] WORDS = { "头痛", "失眠", "胃炎", "咳嗽", "高血压", "糖尿病", "心悸", "腹泻", "面瘫", "耳鸣",
            "治疗", "原因", "怎么办", "症状", "饮食", "检查", "偏头痛", "针灸" };
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static ArticleIndex index;

    @BeforeAll
    static void fill() {
        index = new ArticleIndex();
        Random random = new Random(42);
        List<IndexedArticle> articles = new ArrayList<>();
        for (long id = 1; id <= 3_000; id++) {
            StringBuilder title = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                title.append(WORDS[random.nextInt(WORDS.length)]);
            }
            for (int i = 0, n = 5 + random.nextInt(40); i < n; i++) {
                body.append(WORDS[random.nextInt(WORDS.length)]).append('，');
            }
            // One article in a hundred holds a rare word, so that some searches match fewer than the threshold.
            if (id % 100 == 0) {
                body.append("三叉神经");
            }
            articles.add(new IndexedArticle(id, "a-" + id, title.toString(), body.toString(),
                    Instant.parse("2026-01-01T00:00:00Z"), 0, null, null, null, null, null, List.of(), null, List.of()));
            if (articles.size() == 500) {
                index.putBulk(articles);
                articles.clear();
            }
        }
        index.putBulk(articles);
        index.commit();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static SearchHits search(String q, int offset, int limit, int exactTotal) {
        return index.search(q, null, ArticleFilters.NONE, offset, limit, NOW,
                (searcher, analyzer, text, vector, filter, broad, o, l) -> ArticleSearch.search(searcher, analyzer, text,
                        vector, filter, broad, o, l, ArticleSearch.Weights.DEFAULT, exactTotal));
    }

    @Test
    void shouldCountExactlyUpToTheThresholdAndSayAtLeastBeyondIt() {
        SearchHits common = index.search("头痛 失眠", null, ArticleFilters.NONE, 0, 10, NOW);
        SearchHits counted = search("头痛 失眠", 0, 10, Integer.MAX_VALUE);
        assertTrue(counted.exact());
        assertTrue(counted.total() > ArticleSearch.EXACT_TOTAL, "the words are in most articles: " + counted.total());
        assertFalse(common.exact(), "beyond the threshold the total is a lower bound");
        assertTrue(common.total() >= ArticleSearch.EXACT_TOTAL && common.total() <= counted.total(),
                common.total() + " is between the threshold and the true count " + counted.total());

        SearchHits rare = index.search("三叉神经", null, ArticleFilters.NONE, 0, 10, NOW);
        assertTrue(rare.exact());
        assertEquals(30, rare.total(), "one article in a hundred holds the rare word");
    }

    @Test
    void shouldRankEveryPageAsExactCountingDoes() {
        for (String q : List.of("头痛 失眠", "偏头痛怎么办", "高血压饮食治疗", "面瘫针灸的原因和症状", "三叉神经 头痛")) {
            for (int offset : new int[] { 0, 10, 190, 250 }) {
                assertEquals(search(q, offset, 10, Integer.MAX_VALUE).ids(), index.search(q, null, ArticleFilters.NONE, offset, 10, NOW).ids(),
                        q + " at offset " + offset);
            }
        }
    }
}
