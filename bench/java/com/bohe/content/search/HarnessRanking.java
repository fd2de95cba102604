package com.bohe.content.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.lucene.search.Query;

/**
 * The rankings the evaluation harness compares, built from the stages of {@link ArticleSearch}: the API serves
 * {@link #HYBRID} only.
 */
enum HarnessRanking {
    /** BM25 over the query's bigrams with OR semantics, nothing else (no bigram left out): the baseline. */
    BM25,
    /** BM25 with coverage and proximity: the served ranking without a vector. */
    LEXICAL,
    /** The nearest neighbours of the query's embedding alone, among the candidates. */
    DENSE,
    /** Reciprocal-rank fusion of {@link #LEXICAL} and {@link #DENSE}. */
    RRF,
    /** The served ranking. */
    HYBRID,
    /** The served ranking, timed stage by stage ({@link #STAGE_NANOS}; printed by the harness). */
    STAGES;

    /** Nanoseconds spent in each stage of {@link #STAGES}: terms, window, candidates, signals, fuse and page. */
    static final long[] STAGE_NANOS = new long[6];
    static final String[] STAGE_NAMES = { "terms", "window (BM25)", "candidates (kNN + cosines)", "signals (coverage, proximity)", "fuse", "page" };

    private static final int RRF_K = 60;

    /** {@link ArticleSearch#search}, stage by stage, with the time of each added to {@link #STAGE_NANOS}. */
    private static SearchHits stages(org.apache.lucene.search.IndexSearcher searcher, org.apache.lucene.analysis.Analyzer analyzer,
            String text, float[] vector, Query filter, boolean broad, int offset, int limit, ArticleSearch.Weights weights)
            throws java.io.IOException {
        long t0 = System.nanoTime();
        TermStats stats = new TermStats(searcher);
        Query lexical = ArticleSearch.lexical(searcher.getIndexReader(), analyzer, text, true, stats);
        if (lexical == null) {
            return SearchHits.none();
        }
        long t1 = System.nanoTime();
        ArticleSearch.Window window = ArticleSearch.window(searcher, lexical, filter, broad, ArticleSearch.WINDOW,
                ArticleSearch.EXACT_TOTAL);
        long t2 = System.nanoTime();
        Map<Integer, ArticleSearch.Candidate> candidates = ArticleSearch.candidates(searcher, text, window, vector, filter, broad,
                weights.join());
        long t3 = System.nanoTime();
        ArticleSearch.signals(searcher, analyzer, text, candidates, stats);
        long t4 = System.nanoTime();
        List<ArticleSearch.Candidate> ranked = ArticleSearch.fuse(searcher, candidates, weights, vector != null);
        long t5 = System.nanoTime();
        int total = window.total() + candidates.size() - window.top().scoreDocs.length;
        SearchHits hits = ArticleSearch.page(searcher, window, ranked, total, offset, limit, true);
        long t6 = System.nanoTime();
        long[] t = { t0, t1, t2, t3, t4, t5, t6 };
        for (int i = 0; i < 6; i++) {
            STAGE_NANOS[i] += t[i + 1] - t[i];
        }
        return hits;
    }

    /** Whether the ranking uses the query's embedding. */
    boolean dense() {
        return this != BM25 && this != LEXICAL;
    }

    ArticleSearch.Ranking ranking(ArticleSearch.Weights weights) {
        return switch (this) {
            case BM25 -> (searcher, analyzer, text, vector, filter, broad, offset, limit) ->
                    bm25(searcher, analyzer, text, filter, false, offset, limit);
            case LEXICAL -> (searcher, analyzer, text, vector, filter, broad, offset, limit) ->
                    ArticleSearch.search(searcher, analyzer, text, null, filter, broad, offset, limit, weights);
            case DENSE -> (searcher, analyzer, text, vector, filter, broad, offset, limit) -> vector == null
                    ? bm25(searcher, analyzer, text, filter, true, offset, limit)
                    : dense(searcher, analyzer, text, vector, filter, broad, offset, limit);
            case RRF -> (searcher, analyzer, text, vector, filter, broad, offset, limit) ->
                    rrf(searcher, analyzer, text, vector, filter, broad, offset, limit, weights);
            case HYBRID -> ArticleSearch.hybrid(weights);
            case STAGES -> (searcher, analyzer, text, vector, filter, broad, offset, limit) ->
                    stages(searcher, analyzer, text, vector, filter, broad, offset, limit, weights);
        };
    }

    private static SearchHits bm25(org.apache.lucene.search.IndexSearcher searcher, org.apache.lucene.analysis.Analyzer analyzer,
            String text, Query filter, boolean prune, int offset, int limit) throws java.io.IOException {
        Query lexical = ArticleSearch.lexical(searcher.getIndexReader(), analyzer, text, prune, new TermStats(searcher));
        if (lexical == null) {
            return SearchHits.none();
        }
        ArticleSearch.Window window = ArticleSearch.window(searcher, lexical, filter, Math.max(1, offset + limit));
        int[] docs = Arrays.stream(window.top().scoreDocs).mapToInt(d -> d.doc).toArray();
        Map<Integer, Long> ids = DocScores.longs(searcher, ArticleDocument.ID_SORT, docs);
        List<Long> page = new ArrayList<>();
        for (int i = offset; i < docs.length && page.size() < limit; i++) {
            page.add(ids.get(docs[i]));
        }
        return new SearchHits(window.total(), window.exact(), page);
    }

    private static SearchHits dense(org.apache.lucene.search.IndexSearcher searcher, org.apache.lucene.analysis.Analyzer analyzer,
            String text, float[] vector, Query filter, boolean broad, int offset, int limit) throws java.io.IOException {
        Query lexical = ArticleSearch.lexical(searcher.getIndexReader(), analyzer, text, true, new TermStats(searcher));
        if (lexical == null) {
            return SearchHits.none();
        }
        ArticleSearch.Window window = ArticleSearch.window(searcher, lexical, filter, ArticleSearch.WINDOW);
        Map<Integer, ArticleSearch.Candidate> candidates = ArticleSearch.candidates(searcher, text, window, vector, filter,
                broad, Float.NEGATIVE_INFINITY);
        candidates.values().removeIf(c -> c.cosine == Float.NEGATIVE_INFINITY);
        ArticleSearch.identify(searcher, candidates);
        candidates.values().forEach(c -> c.score = c.cosine);
        List<ArticleSearch.Candidate> ranked = ArticleSearch.ranked(candidates.values());
        return ArticleSearch.page(searcher, window, ranked, ranked.size(), offset, limit, false);
    }

    private static SearchHits rrf(org.apache.lucene.search.IndexSearcher searcher, org.apache.lucene.analysis.Analyzer analyzer,
            String text, float[] vector, Query filter, boolean broad, int offset, int limit, ArticleSearch.Weights weights)
            throws java.io.IOException {
        TermStats stats = new TermStats(searcher);
        Query lexical = ArticleSearch.lexical(searcher.getIndexReader(), analyzer, text, true, stats);
        if (lexical == null) {
            return SearchHits.none();
        }
        ArticleSearch.Window window = ArticleSearch.window(searcher, lexical, filter, ArticleSearch.WINDOW);
        Map<Integer, ArticleSearch.Candidate> candidates = ArticleSearch.candidates(searcher, text, window, vector, filter,
                broad, weights.join());
        Map<ArticleSearch.Candidate, Integer> denseRank = new java.util.HashMap<>();
        if (vector != null) {
            List<ArticleSearch.Candidate> byCosine = new ArrayList<>(candidates.values());
            byCosine.sort(Comparator.comparingDouble((ArticleSearch.Candidate c) -> -c.cosine));
            int r = 0;
            for (ArticleSearch.Candidate c : byCosine) {
                if (c.cosine > Float.NEGATIVE_INFINITY) {
                    denseRank.put(c, ++r);
                }
            }
        }
        ArticleSearch.signals(searcher, analyzer, text, candidates, stats);
        ArticleSearch.identify(searcher, candidates);
        List<ArticleSearch.Candidate> byLexical = new ArrayList<>();
        for (ArticleSearch.Candidate c : candidates.values()) {
            c.lexical = weights.bm25() * c.bm25 + weights.coverage() * c.coverage + weights.proximity() * c.proximity;
            if (c.bm25 != 0) {
                byLexical.add(c);
            }
        }
        byLexical.sort(Comparator.comparingDouble((ArticleSearch.Candidate c) -> -c.lexical).thenComparingLong(c -> c.id));
        Map<ArticleSearch.Candidate, Integer> lexicalRank = new java.util.HashMap<>();
        for (int i = 0; i < byLexical.size(); i++) {
            lexicalRank.put(byLexical.get(i), i + 1);
        }
        for (ArticleSearch.Candidate c : candidates.values()) {
            c.score = (lexicalRank.containsKey(c) ? 1.0 / (RRF_K + lexicalRank.get(c)) : 0)
                    + (denseRank.containsKey(c) ? 1.0 / (RRF_K + denseRank.get(c)) : 0);
        }
        int total = window.total() + candidates.size() - window.top().scoreDocs.length;
        return ArticleSearch.page(searcher, window, ArticleSearch.ranked(candidates.values()), total, offset, limit, true);
    }
}
