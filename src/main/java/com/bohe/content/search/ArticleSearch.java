package com.bohe.content.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Ranks articles for what a person typed, in named stages ({@link #search}). Every article that holds any bigram of
 * the query matches (BM25, OR); quoted text must occur as written.
 * <ol>
 * <li>{@link #window}: one pass over the matches counts them all and keeps the best {@link #WINDOW} by BM25;</li>
 * <li>{@link #candidates}: the window, and the {@link #NEIGHBOURS} nearest neighbours of the query's embedding that
 * are similar enough, each with its exact cosine;</li>
 * <li>{@link #signals}: coverage and proximity of the candidates;</li>
 * <li>{@link #fuse}: a weighted sum of BM25 normalised by the best, coverage, proximity and semantic similarity;</li>
 * <li>{@link #page}: the page of the ranked candidates; beyond the window, the BM25 order goes on.</li>
 * </ol>
 * Ties go to the lower id, so the ranking is deterministic. Other rankings, for comparison (BM25 alone, dense
 * alone, reciprocal-rank fusion), are the evaluation harness's ({@code bench/java}), built from these stages.
 */
public final class ArticleSearch {

    /** A way to rank a search: the API's is {@link #hybrid}; the evaluation harness brings others. */
    @FunctionalInterface
    interface Ranking {
        /**
         * @param filter what may be found: published articles, and the list's filters
         * @param broad whether the filter lets nearly every article through (no list filter)
         */
        SearchHits rank(IndexSearcher searcher, Analyzer analyzer, String text, float[] queryVector, Query filter,
                boolean broad, int offset, int limit) throws IOException;
    }

    /**
     * The weights of the normalised signals; the cosine from which meaning counts ({@code semanticFloor}: 0 there, 1
     * at the best candidate); and the cosine from which a neighbour that shares no word joins the results
     * ({@code join}: off-topic queries reach 0.15-0.27 with on-topic articles).
     *
     * <p>Chosen by cross-validation on four development sets at once (bench/fusion.sh: long questions, titles
     * against questions, keywords against titles, and questions naming a word one article alone holds), among
     * fusions that trail neither BM25 nor dense alone on any set and lose at most 0.005 nDCG@10 on any set against
     * the weights served before (coverage 0.25, meaning 0.75 from 0.5): the best mean (docs/search.md, "Choosing
     * the fusion").
     */
    public record Weights(double bm25, double coverage, double proximity, double semantic, double semanticFloor, double join) {
        public static final Weights DEFAULT = new Weights(0.35, 1.5, 0.15, 1.25, 0.6, 0.6);

        /** The lexical score: BM25 normalised by the best, coverage and proximity, each in [0, 1], weighted. */
        public double lexical(double bm25, double coverage, double proximity) {
            return bm25() * bm25 + coverage() * coverage + proximity() * proximity;
        }

        /** Meaning: the cosine above the floor, normalised by the best candidate's; 0 without a cosine. */
        public double semantic(double cosine, double maxCosine) {
            return Double.isNaN(cosine) || cosine == Double.NEGATIVE_INFINITY || maxCosine <= semanticFloor() ? 0
                    : Math.max(0, (cosine - semanticFloor()) / (maxCosine - semanticFloor()));
        }
    }

    /** The BM25 pass's best matches, and how many matched in all: exactly, or at least (beyond {@link #EXACT_TOTAL}). */
    record Window(Query matching, TopFieldDocs top, int total, boolean exact) {
    }

    public static final int WINDOW = 200;
    /**
     * Matches are counted exactly up to this many; beyond it the total is a lower bound, and Lucene may skip blocks
     * of documents that cannot reach the window (block-max WAND), as Elasticsearch does with its default
     * {@code track_total_hits} of 10,000. Long questions match a large share of the index by some bigram, and
     * counting every match ruled out that pruning. {@code -Dcontent.search.exact-total} changes it, for the harness.
     */
    public static final int EXACT_TOTAL = Integer.getInteger("content.search.exact-total", 1_000);
    /** The nearest neighbours of the query's embedding that join the candidates. */
    public static final int NEIGHBOURS = 100;
    /** The share of articles above which a bigram is too common to make an article match. */
    public static final double COMMON_SHARE = 0.1;
    /** Below this many articles every bigram counts: shares mean little in a small index. */
    public static final int COMMON_MIN_DOCS = 1_000;
    /**
     * The fields searched and their boosts, in a fixed order so that scores add up the same way in every run. The
     * title counts three times (bench/search.sh: Recall@10 of BM25 0.633 with 1, 0.670 with 2, 0.663 with 3).
     */
    static final Map<String, Float> FIELDS = fields();
    static final Sort BY_SCORE_THEN_ID = new Sort(SortField.FIELD_SCORE, new SortField(ArticleDocument.ID_SORT, SortField.Type.LONG));

    private ArticleSearch() {
    }

    private static Map<String, Float> fields() {
        Map<String, Float> fields = new LinkedHashMap<>();
        fields.put(ArticleDocument.TITLE, 3f);
        fields.put(ArticleDocument.BODY, 1f);
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The ranking the API serves: {@link #search} with these weights. */
    static Ranking hybrid(Weights weights) {
        return (searcher, analyzer, text, queryVector, filter, broad, offset, limit) ->
                search(searcher, analyzer, text, queryVector, filter, broad, offset, limit, weights);
    }

    /**
     * The query a text asks for without a vector (filters aside): also what highlighting marks. Null when empty.
     * With {@code prune}, bigrams found in more than {@link #COMMON_SHARE} of a large index (什么, 可以, 医生…) are
     * left out unless the query has nothing else: they say little of the topic, and scoring their long postings
     * for every match was a third of a long question's cost (bench/search.sh at 100,000 articles: hybrid p50 16.4
     * → 12.3 ms, p99 37.5 → 25.0 ms; Recall@10 0.725 → 0.731 on the development set, 0.602 → 0.595 at 100,000).
     * They still count in coverage, by their small IDF.
     */
    static Query lexical(IndexReader reader, Analyzer analyzer, String text, boolean prune, TermStats stats) throws IOException {
        QueryText.Parsed parsed = QueryText.parse(text);
        List<String> terms = QueryText.terms(analyzer, ArticleDocument.TITLE, text.replace('"', ' '));
        List<String> common = prune ? common(reader, terms, stats) : List.of();
        List<String> telling = new ArrayList<>(terms);
        telling.removeAll(common);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean any = false;
        for (String phrase : parsed.phrases()) {
            List<String> tokens = QueryText.tokens(analyzer, ArticleDocument.TITLE, phrase);
            if (!tokens.isEmpty()) {
                query.add(QueryText.phrase(tokens, FIELDS), Occur.MUST);
                any = true;
            }
        }
        Query anyTelling = QueryText.anyTerm(telling, FIELDS, stats);
        if (anyTelling != null) {
            query.add(anyTelling, any ? Occur.SHOULD : Occur.MUST);
            any = true;
        }
        if (!any) {
            Query anyCommon = QueryText.anyTerm(common, FIELDS, stats);
            if (anyCommon != null) {
                query.add(anyCommon, Occur.MUST);
                any = true;
            }
        }
        return any ? query.build() : null;
    }

    /** The terms too common to make an article match: none in a small index, or when all of them are. */
    private static List<String> common(IndexReader reader, List<String> terms, TermStats stats) throws IOException {
        int docs = reader.numDocs();
        if (docs < COMMON_MIN_DOCS) {
            return List.of();
        }
        List<String> common = new ArrayList<>();
        for (String term : terms) {
            if (stats.docFreq(term) > COMMON_SHARE * docs) {
                common.add(term);
            }
        }
        return common.size() == terms.size() ? List.of() : common;
    }

    /**
     * The hybrid ranking, stage by stage; without a vector (the model still loading) it is lexical alone.
     *
     * @param filter what may be found: published articles, and the list's filters
     * @param broad whether the filter lets nearly every article through (no list filter)
     */
    static SearchHits search(IndexSearcher searcher, Analyzer analyzer, String text, float[] queryVector, Query filter,
            boolean broad, int offset, int limit, Weights weights) throws IOException {
        return search(searcher, analyzer, text, queryVector, filter, broad, offset, limit, weights, EXACT_TOTAL);
    }

    /** As the served search, counting matches exactly up to {@code exactTotal} (the tests compare with no limit). */
    static SearchHits search(IndexSearcher searcher, Analyzer analyzer, String text, float[] queryVector, Query filter,
            boolean broad, int offset, int limit, Weights weights, int exactTotal) throws IOException {
        TermStats stats = new TermStats(searcher);
        Query lexical = lexical(searcher.getIndexReader(), analyzer, text, true, stats);
        if (lexical == null) {
            return SearchHits.none();
        }
        Window window = window(searcher, lexical, filter, broad, WINDOW, exactTotal);
        Map<Integer, Candidate> candidates = candidates(searcher, text, window, queryVector, filter, broad, weights.join());
        signals(searcher, analyzer, text, candidates, stats);
        List<Candidate> ranked = fuse(searcher, candidates, weights, queryVector != null);
        // The matches, and the similar articles that joined them without a match.
        int total = window.total() + candidates.size() - window.top().scoreDocs.length;
        return page(searcher, window, ranked, total, offset, limit, true);
    }

    /**
     * Stage 1: the best n matches of the lexical query within the filter, by BM25 then id, and their count: exact up
     * to {@link #EXACT_TOTAL}, a lower bound beyond.
     */
    static Window window(IndexSearcher searcher, Query lexical, Query filter, int n) throws IOException {
        return window(searcher, lexical, filter, false, n, EXACT_TOTAL);
    }

    /**
     * As {@link #window(IndexSearcher, Query, Query, int)}, counting exactly up to {@code exactTotal}. A broad filter
     * (published by now, and no list filter: nearly every article) is checked as matches are collected rather than
     * joined to the query: the query stays a plain disjunction, which Lucene scores with its bulk MaxScore scorer,
     * skipping what cannot reach the window; joined to a filter it is scored one match at a time.
     */
    static Window window(IndexSearcher searcher, Query lexical, Query filter, boolean broad, int n, int exactTotal) throws IOException {
        Query matching = new BooleanQuery.Builder().add(lexical, Occur.MUST).add(filter, Occur.FILTER).build();
        TopFieldCollectorManager top = new TopFieldCollectorManager(BY_SCORE_THEN_ID, n, null, Math.max(n, exactTotal));
        TopFieldDocs found = broad ? searcher.search(lexical, FilteredCollector.manager(searcher, filter, top))
                : searcher.search(matching, top);
        return new Window(matching, found, (int) Math.min(Integer.MAX_VALUE, found.totalHits.value),
                found.totalHits.relation == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO);
    }

    /**
     * Stage 2: the window's matches, with BM25 normalised by the best, and given a vector, the nearest neighbours
     * whose cosine reaches {@code floor}; every candidate near the query gets its exact cosine. Quoted text is a
     * promise: a neighbour must hold it too.
     */
    static Map<Integer, Candidate> candidates(IndexSearcher searcher, String text, Window window, float[] queryVector,
            Query filter, boolean broad, double floor) throws IOException {
        Map<Integer, Candidate> candidates = new LinkedHashMap<>();
        ScoreDoc[] top = window.top().scoreDocs;
        float maxBm25 = top.length == 0 ? 1 : score(top[0]);
        for (ScoreDoc hit : top) {
            candidates.computeIfAbsent(hit.doc, Candidate::new).bm25 = score(hit) / maxBm25;
        }
        if (queryVector == null) {
            return candidates;
        }
        boolean quoted = !QueryText.parse(text).phrases().isEmpty();
        Set<Integer> nearest = Neighbours.nearest(searcher, queryVector, NEIGHBOURS, quoted ? window.matching() : filter,
                broad && !quoted);
        Map<Integer, Float> exact = DocScores.dot(searcher, ArticleDocument.VECTOR, queryVector, docs(candidates.keySet(), nearest));
        for (Map.Entry<Integer, Float> e : exact.entrySet()) {
            Candidate c = candidates.get(e.getKey());
            if (c == null && e.getValue() >= floor) {
                c = candidates.computeIfAbsent(e.getKey(), Candidate::new);
            }
            if (c != null) {
                c.cosine = e.getValue();
            }
        }
        return candidates;
    }

    /**
     * Stage 3, the signals of the lexical candidates that the first pass does not give: coverage (the share of the
     * query's information, by IDF, that the article holds) and proximity (runs of the query's characters found
     * together). Computed for the candidates only.
     */
    static void signals(IndexSearcher searcher, Analyzer analyzer, String text, Map<Integer, Candidate> candidates,
            TermStats stats) throws IOException {
        if (candidates.isEmpty()) {
            return;
        }
        int[] docs = candidates.keySet().stream().mapToInt(Integer::intValue).toArray();
        List<String> terms = QueryText.terms(analyzer, ArticleDocument.TITLE, text.replace('"', ' '));
        // Coverage: each term counts by its IDF, so that 面肌 counts more than 什么.
        int docCount = Math.max(1, searcher.getIndexReader().numDocs());
        Map<String, Double> idf = new HashMap<>();
        double idfSum = 0;
        for (String term : terms) {
            int df = stats.docFreq(term);
            double w = Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
            idf.put(term, w);
            idfSum += w;
        }
        if (idfSum > 0) {
            BooleanQuery.Builder coverage = new BooleanQuery.Builder();
            for (String term : terms) {
                BooleanQuery.Builder anyField = new BooleanQuery.Builder()
                        .add(stats.term(ArticleDocument.TITLE, term), Occur.SHOULD)
                        .add(stats.term(ArticleDocument.BODY, term), Occur.SHOULD);
                coverage.add(new BoostQuery(new ConstantScoreQuery(anyField.build()), (float) (idf.get(term) / idfSum)), Occur.SHOULD);
            }
            DocScores.score(searcher, coverage.build(), docs).forEach((doc, s) -> candidates.get(doc).coverage = s);
        }
        // Proximity: each pair of neighbouring tokens of the query (three characters of Chinese) found together.
        List<String> tokens = QueryText.tokens(analyzer, ArticleDocument.TITLE, text.replace('"', ' '));
        BooleanQuery.Builder runs = new BooleanQuery.Builder();
        int pairs = 0;
        for (int i = 0; i + 1 < tokens.size() && pairs < QueryText.MAX_TERMS; i++) {
            runs.add(QueryText.phrase(List.of(tokens.get(i), tokens.get(i + 1)), FIELDS), Occur.SHOULD);
            pairs++;
        }
        if (pairs > 0) {
            Map<Integer, Float> proximity = DocScores.score(searcher, runs.build(), docs);
            float max = proximity.values().stream().max(Float::compare).orElse(1f);
            proximity.forEach((doc, s) -> candidates.get(doc).proximity = s / max);
        }
    }

    /**
     * Stage 4: the weighted sum of BM25, coverage and proximity (the lexical score), and, with a vector, semantic
     * similarity (the cosine above the floor, normalised by the best); best first, ties by id.
     */
    static List<Candidate> fuse(IndexSearcher searcher, Map<Integer, Candidate> candidates, Weights weights, boolean useVector)
            throws IOException {
        identify(searcher, candidates);
        double maxCosine = candidates.values().stream().mapToDouble(c -> c.cosine).max().orElse(1);
        for (Candidate c : candidates.values()) {
            c.lexical = weights.lexical(c.bm25, c.coverage, c.proximity);
            c.score = c.lexical + (useVector ? weights.semantic() * weights.semantic(c.cosine, maxCosine) : 0);
        }
        return ranked(candidates.values());
    }

    /** The article ids of the candidates: what ties are broken by, and what a page names. */
    static void identify(IndexSearcher searcher, Map<Integer, Candidate> candidates) throws IOException {
        int[] docs = candidates.keySet().stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, Long> ids = DocScores.longs(searcher, ArticleDocument.ID_SORT, docs);
        for (Candidate c : candidates.values()) {
            c.id = ids.getOrDefault(c.doc, Long.MAX_VALUE);
        }
    }

    /** Candidates by score, best first, ties by id. */
    static List<Candidate> ranked(java.util.Collection<Candidate> candidates) {
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingDouble((Candidate c) -> -c.score).thenComparingLong(c -> c.id));
        return ranked;
    }

    /**
     * Stage 5: a page of the ranked candidates; with {@code beyond}, a page past them (when the window was full)
     * goes on in the BM25 order.
     */
    static SearchHits page(IndexSearcher searcher, Window window, List<Candidate> ranked, int total, int offset, int limit,
            boolean beyond) throws IOException {
        List<Long> page = new ArrayList<>();
        for (int i = offset; i < Math.min(ranked.size(), offset + limit); i++) {
            page.add(ranked.get(i).id);
        }
        if (beyond && page.size() < limit && offset + limit > ranked.size() && window.top().scoreDocs.length == WINDOW) {
            int want = WINDOW + (offset + limit - ranked.size());
            TopDocs more = searcher.search(window.matching(), want, BY_SCORE_THEN_ID, true);
            int skip = Math.max(0, offset - ranked.size());
            Map<Integer, Long> moreIds = DocScores.longs(searcher, ArticleDocument.ID_SORT,
                    Arrays.stream(more.scoreDocs).mapToInt(d -> d.doc).toArray());
            for (int i = WINDOW + skip; i < more.scoreDocs.length && page.size() < limit; i++) {
                page.add(moreIds.get(more.scoreDocs[i].doc));
            }
        }
        return new SearchHits(total, window.exact(), page);
    }

    /** The relevance of a hit sorted by relevance first. */
    static float score(ScoreDoc hit) {
        return (Float) ((FieldDoc) hit).fields[0];
    }

    private static int[] docs(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    /** An article that may be shown, with its signals; the scores are normalised to [0, 1] but the cosine. */
    static final class Candidate {
        final int doc;
        long id;
        double bm25;
        double coverage;
        double proximity;
        double lexical;
        float cosine = Float.NEGATIVE_INFINITY;
        double score;

        Candidate(int doc) {
            this.doc = doc;
        }
    }
}
