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
 * Ranks articles for what a person typed. Every article that holds any bigram of the query matches (BM25, OR);
 * quoted text must occur as written. The best {@link #WINDOW} lexical matches and the {@link #NEIGHBOURS} nearest
 * neighbours of the query's embedding are then re-ranked on four signals: BM25 normalised by the best, coverage
 * (the share of the query's information, by IDF, that the article holds), proximity (runs of the query's
 * characters found together, so the whole phrase ranks above scattered characters) and semantic similarity.
 * Beyond the window the BM25 order goes on. Ties go to the lower id, so the ranking is deterministic.
 */
final class ArticleSearch {

    /** How a query is ranked; {@link #HYBRID} serves the API, the others are there for the harness to compare. */
    enum Mode {
        /** BM25 over the query's bigrams with OR semantics, nothing else: the baseline. */
        BM25,
        /** BM25 with coverage and proximity. */
        LEXICAL,
        /** The nearest neighbours of the query's embedding alone. */
        DENSE,
        /** Reciprocal-rank fusion of {@link #LEXICAL} and {@link #DENSE}. */
        RRF,
        /** A weighted sum of the normalised signals. */
        HYBRID
    }

    /** The weights of the normalised signals, and the cosine below which a neighbour is not similar at all. */
    record Weights(double bm25, double coverage, double proximity, double semantic, double semanticFloor) {
        static final Weights DEFAULT = new Weights(0.35, 0.25, 0.15, 0.75, 0.5);
    }

    static final int WINDOW = 200;
    /** The nearest neighbours of the query's embedding that join the candidates. */
    static final int NEIGHBOURS = 100;
    /** The share of articles above which a bigram is too common to make an article match. */
    static final double COMMON_SHARE = 0.1;
    /** Below this many articles every bigram counts: shares mean little in a small index. */
    static final int COMMON_MIN_DOCS = 1_000;
    /**
     * The fields searched and their boosts, in a fixed order so that scores add up the same way in every run. The
     * title counts three times (bench/search.sh: Recall@10 of BM25 0.633 with 1, 0.670 with 2, 0.663 with 3).
     */
    static final Map<String, Float> FIELDS = fields();
    private static final int RRF_K = 60;

    private ArticleSearch() {
    }

    private static Map<String, Float> fields() {
        Map<String, Float> fields = new LinkedHashMap<>();
        fields.put(ArticleDocument.TITLE, 3f);
        fields.put(ArticleDocument.BODY, 1f);
        return java.util.Collections.unmodifiableMap(fields);
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
     * @param filter what may be found: published articles, and the list's filters
     * @param broad whether the filter lets nearly every article through (no list filter)
     */
    static SearchHits search(IndexSearcher searcher, Analyzer analyzer, String text, float[] queryVector, Query filter,
            boolean broad, int offset, int limit, Mode mode, Weights weights) throws IOException {
        TermStats stats = new TermStats(searcher);
        Query lexical = lexical(searcher.getIndexReader(), analyzer, text, mode != Mode.BM25, stats);
        if (lexical == null) {
            return new SearchHits(0, List.of());
        }
        Query matching = new BooleanQuery.Builder().add(lexical, Occur.MUST).add(filter, Occur.FILTER).build();
        Sort byScoreThenId = new Sort(SortField.FIELD_SCORE, new SortField(ArticleDocument.ID_SORT, SortField.Type.LONG));
        if (mode == Mode.BM25 || (queryVector == null && mode == Mode.DENSE)) {
            TopFieldDocs top = firstPass(searcher, matching, byScoreThenId, Math.max(1, offset + limit));
            return page(searcher, top, (int) top.totalHits.value, offset, limit);
        }
        // One pass over the matches counts them all and keeps the best.
        TopFieldDocs first = firstPass(searcher, matching, byScoreThenId, WINDOW);
        int total = (int) first.totalHits.value;
        QueryText.Parsed parsed = QueryText.parse(text);
        boolean useVector = queryVector != null && mode != Mode.LEXICAL;
        Set<Integer> nearest = Set.of();
        if (useVector) {
            // Quoted text is a promise: a neighbour must hold it too.
            Query allowed = parsed.phrases().isEmpty() ? filter : matching;
            nearest = Neighbours.nearest(searcher, queryVector, NEIGHBOURS, allowed, broad && parsed.phrases().isEmpty());
        }

        Map<Integer, Candidate> candidates = new LinkedHashMap<>();
        float maxBm25 = first.scoreDocs.length == 0 ? 1 : score(first.scoreDocs[0]);
        for (ScoreDoc hit : first.scoreDocs) {
            candidates.computeIfAbsent(hit.doc, Candidate::new).bm25 = score(hit) / maxBm25;
        }
        int denseOnly = 0;
        if (useVector) {
            Map<Integer, Float> exact = DocScores.dot(searcher, ArticleDocument.VECTOR, queryVector, docs(candidates.keySet(), nearest));
            for (Map.Entry<Integer, Float> e : exact.entrySet()) {
                Candidate c = candidates.get(e.getKey());
                if (c == null && (mode == Mode.DENSE || e.getValue() >= weights.semanticFloor())) {
                    c = candidates.computeIfAbsent(e.getKey(), Candidate::new);
                    denseOnly++;
                }
                if (c != null) {
                    c.cosine = e.getValue();
                }
            }
            List<Candidate> byCosine = new ArrayList<>(candidates.values());
            byCosine.sort(Comparator.comparingDouble((Candidate c) -> -c.cosine));
            int r = 0;
            for (Candidate c : byCosine) {
                c.denseRank = c.cosine > Float.NEGATIVE_INFINITY ? ++r : 0;
            }
        }
        if (mode == Mode.DENSE) {
            candidates.values().removeIf(c -> c.cosine == Float.NEGATIVE_INFINITY);
        } else {
            features(searcher, analyzer, text, candidates, stats);
        }

        int[] docs = candidates.keySet().stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, Long> ids = DocScores.longs(searcher, ArticleDocument.ID_SORT, docs);
        double maxCosine = candidates.values().stream().mapToDouble(c -> c.cosine).max().orElse(1);
        for (Candidate c : candidates.values()) {
            c.id = ids.getOrDefault(c.doc, Long.MAX_VALUE);
            c.lexical = weights.bm25() * c.bm25 + weights.coverage() * c.coverage + weights.proximity() * c.proximity;
        }
        List<Candidate> byLexical = new ArrayList<>(candidates.values());
        byLexical.removeIf(c -> c.bm25 == 0);
        byLexical.sort(Comparator.comparingDouble((Candidate c) -> -c.lexical).thenComparingLong(c -> c.id));
        for (int i = 0; i < byLexical.size(); i++) {
            byLexical.get(i).lexicalRank = i + 1;
        }
        for (Candidate c : candidates.values()) {
            double lexicalScore = c.lexical;
            double semantic = c.cosine == Float.NEGATIVE_INFINITY || maxCosine <= weights.semanticFloor() ? 0
                    : Math.max(0, (c.cosine - weights.semanticFloor()) / (maxCosine - weights.semanticFloor()));
            c.score = switch (mode) {
                case LEXICAL -> lexicalScore;
                case DENSE -> c.cosine;
                case RRF -> (c.lexicalRank > 0 ? 1.0 / (RRF_K + c.lexicalRank) : 0) + (c.denseRank > 0 ? 1.0 / (RRF_K + c.denseRank) : 0);
                default -> lexicalScore + (useVector ? weights.semantic() * semantic : 0);
            };
        }
        List<Candidate> ranked = new ArrayList<>(candidates.values());
        ranked.sort(Comparator.comparingDouble((Candidate c) -> -c.score).thenComparingLong(c -> c.id));
        if (mode == Mode.DENSE) {
            total = ranked.size();
        } else {
            total += denseOnly;
        }

        List<Long> page = new ArrayList<>();
        for (int i = offset; i < Math.min(ranked.size(), offset + limit); i++) {
            page.add(ranked.get(i).id);
        }
        if (page.size() < limit && offset + limit > ranked.size() && mode != Mode.DENSE && first.scoreDocs.length == WINDOW) {
            // Beyond the window, the BM25 order goes on.
            int want = WINDOW + (offset + limit - ranked.size());
            TopDocs more = searcher.search(matching, want, byScoreThenId, true);
            int skip = Math.max(0, offset - ranked.size());
            Map<Integer, Long> moreIds = DocScores.longs(searcher, ArticleDocument.ID_SORT,
                    Arrays.stream(more.scoreDocs).mapToInt(d -> d.doc).toArray());
            for (int i = WINDOW + skip; i < more.scoreDocs.length && page.size() < limit; i++) {
                page.add(moreIds.get(more.scoreDocs[i].doc));
            }
        }
        return new SearchHits(total, page);
    }

    /** The best n matches by score, ties by id, with the exact number of all matches. */
    private static TopFieldDocs firstPass(IndexSearcher searcher, Query query, Sort sort, int n) throws IOException {
        return searcher.search(query, new TopFieldCollectorManager(sort, n, null, Integer.MAX_VALUE));
    }

    /** The relevance of a hit sorted by relevance first. */
    private static float score(ScoreDoc hit) {
        return (Float) ((FieldDoc) hit).fields[0];
    }

    /** Coverage and proximity of each candidate. */
    private static void features(IndexSearcher searcher, Analyzer analyzer, String text, Map<Integer, Candidate> candidates,
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

    private static int[] docs(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    private static SearchHits page(IndexSearcher searcher, TopDocs top, int total, int offset, int limit) throws IOException {
        List<Long> ids = new ArrayList<>();
        int[] docs = Arrays.stream(top.scoreDocs).mapToInt(d -> d.doc).toArray();
        Map<Integer, Long> byDoc = DocScores.longs(searcher, ArticleDocument.ID_SORT, docs);
        for (int i = offset; i < top.scoreDocs.length && ids.size() < limit; i++) {
            ids.add(byDoc.get(top.scoreDocs[i].doc));
        }
        return new SearchHits(total, ids);
    }

    private static final class Candidate {
        final int doc;
        long id;
        double bm25;
        double coverage;
        double proximity;
        double lexical;
        float cosine = Float.NEGATIVE_INFINITY;
        int lexicalRank;
        int denseRank;
        double score;

        Candidate(int doc) {
            this.doc = doc;
        }
    }
}
