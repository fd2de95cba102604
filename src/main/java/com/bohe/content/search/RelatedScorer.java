package com.bohe.content.search;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Scores related articles. Candidates come from text similarity (MoreLikeThis picks the most telling bigrams of
 * the title and body; the title counts three times), from meaning (the nearest neighbours of the article's
 * embedding) and from structure (the same disease or department). Each candidate's score mixes normalised text
 * and semantic similarity with shared diseases, department, tags and reviewer, and a mild popularity and
 * freshness prior. Never the article itself, never a scheduled or unpublished one, never two
 * nearly identical titles; ties go to the lower id; short lists are filled with the most viewed articles.
 */
public class RelatedScorer {

    /** How much each signal counts; the final score is their weighted mean, from 0 to 1. */
    public record Weights(double text, double semantic, double disease, double department, double tags, double reviewer,
            double popularity, double freshness) {

        public static final Weights DEFAULT = new Weights(0.30, 0.40, 0.12, 0.08, 0.03, 0.02, 0.03, 0.02);
        /** Text alone: what the harness measures to judge the Chinese analysis without the labels' help. */
        public static final Weights TEXT_ONLY = new Weights(1, 0, 0, 0, 0, 0, 0, 0);
        /** Text and meaning, no structure: what the harness measures to judge the embeddings without the labels. */
        public static final Weights CONTENT_ONLY = new Weights(0.30, 0.40, 0, 0, 0, 0, 0, 0);
        /** The embedding alone. */
        public static final Weights SEMANTIC_ONLY = new Weights(0, 1, 0, 0, 0, 0, 0, 0);

        double sum() {
            return text + semantic + disease + department + tags + reviewer + popularity + freshness;
        }
    }

    /** A cosine at or below this is no similarity at all: bge-small-zh put off-topic queries at 0.15-0.27 of the demo
     * articles, and on-topic ones at 0.66-0.81. */
    public static final double SEMANTIC_FLOOR = 0.5;
    /** The share of the best semantic similarity from which 语义相近 is given as a reason. */
    static final double SEMANTIC_REASON = 0.5;

    static final int TEXT_CANDIDATES = 100;
    // Chosen with bench/related.sh (see docs/search.md): 100 query terms instead of Lucene's default 25 and a mild
    // title boost lifted text-only department P@10 on the development set from 0.81 to 0.91; scoring them in a
    // second pass over 300 candidates of a 30-term query halved the latency at 100,000 articles.
    static final int MAX_QUERY_TERMS = 100;
    static final int FIRST_PASS_TERMS = 30;
    static final int FIRST_PASS_CANDIDATES = 300;
    static final int MIN_DOC_FREQ = 2;
    static final float TITLE_BOOST = 1.5f;
    static final int STRUCTURE_CANDIDATES = 50;

    private record Source(long id, String title, TitleKey key, String departmentId, String parentDepartmentId,
            Map<String, String> diseases, Set<String> tags, String reviewer) {
    }

    /**
     * A candidate as ranking reads it: its card (a document of the {@link Cards#FIELDS}, from this index or from
     * another one, {@link #card}) and its text and semantic similarity to the article, each normalised to [0, 1].
     */
    public static final class Candidate {
        final int doc;
        Document card;
        double text;
        double semantic;
        double score;
        boolean popularFill;

        Candidate(int doc) {
            this.doc = doc;
        }

        public Candidate(Document card, double text, double semantic) {
            this(-1);
            this.card = card;
            this.text = text;
            this.semantic = semantic;
        }
    }

    /** The most viewed visible articles but the source, most viewed first: what fills a short list. */
    @FunctionalInterface
    public interface MostViewed {
        List<Document> cards(int n) throws IOException;
    }

    /**
     * A card built from another index's fields, readable as this index's cards: references as "id:12", disease
     * names as "12|name".
     */
    public static Document card(long id, String title, long views, long publishedMillis, String department,
            String parentDepartment, String departmentName, List<String> diseases, List<String> diseaseNames,
            List<String> tags, String reviewer, String reviewerName) {
        Document card = new Document();
        card.add(new org.apache.lucene.document.StoredField(ArticleDocument.ID_VALUE, id));
        card.add(new org.apache.lucene.document.StoredField(ArticleDocument.TITLE, title));
        card.add(new org.apache.lucene.document.StoredField(ArticleDocument.VIEWS_VALUE, views));
        card.add(new org.apache.lucene.document.StoredField(ArticleDocument.PUBLISHED_VALUE, publishedMillis));
        add(card, ArticleDocument.SAME_DEPARTMENT, department);
        add(card, ArticleDocument.PARENT_DEPARTMENT, parentDepartment);
        add(card, ArticleDocument.DEPARTMENT_NAME, departmentName);
        diseases.forEach(d -> add(card, ArticleDocument.DISEASE, d));
        diseaseNames.forEach(d -> add(card, ArticleDocument.DISEASE_NAME, d));
        tags.forEach(t -> add(card, ArticleDocument.TAG, t));
        add(card, ArticleDocument.REVIEWER, reviewer);
        add(card, ArticleDocument.REVIEWER_NAME, reviewerName);
        return card;
    }

    private static void add(Document card, String field, String value) {
        if (value != null) {
            card.add(new org.apache.lucene.document.StoredField(field, value));
        }
    }

    /**
     * The related list of an article from candidates found in another index ({@code com.bohe.content.opensearch}):
     * ranked, deduplicated and filled exactly as this index's lists are. {@code source} is the article's own card.
     */
    public static List<RelatedHit> rank(long id, Document source, List<Candidate> candidates, MostViewed mostViewed,
            int limit, Instant now, Weights weights) throws IOException {
        return rank(source(id, source), candidates, mostViewed, limit, now, weights);
    }

    List<RelatedHit> related(IndexSearcher searcher, Analyzer analyzer, long id, int limit, Instant now, Weights weights)
            throws IOException {
        TopDocs self = searcher.search(new TermQuery(new Term(ArticleDocument.ID, Long.toString(id))), 1);
        if (self.scoreDocs.length == 0) {
            return List.of();
        }
        Document sourceDoc = searcher.storedFields().document(self.scoreDocs[0].doc);
        Source source = source(id, sourceDoc);
        Query visible = visibleExcept(id, now);

        Map<Integer, Candidate> candidates = candidates(searcher, analyzer, self.scoreDocs[0].doc, sourceDoc, source, visible, weights);
        return ranked(searcher, source, candidates, visible, limit, now, weights);
    }

    /**
     * Who may be related, with the two signals that need the index: text similarity to the article (normalised by
     * the best) and semantic similarity (normalised from the floor to the best). Candidates come from the text, the
     * nearest neighbours of the article's embedding, and the articles that share its diseases, department, tags
     * or reviewer.
     */
    private static Map<Integer, Candidate> candidates(IndexSearcher searcher, Analyzer analyzer, int selfDoc, Document sourceDoc,
            Source source, Query visible, Weights weights) throws IOException {
        Map<Integer, Candidate> candidates = new LinkedHashMap<>();
        // Two passes keep a large index fast: the few most telling terms find candidates, then the full set of
        // terms scores only those candidates.
        TextQueries queries = textQueries(searcher, analyzer, source.title(), sourceDoc.get(ArticleDocument.BODY));
        if (queries != null) {
            Query quick = queries.quick();
            Query text = queries.full();
            TopDocs first = searcher.search(new BooleanQuery.Builder().add(quick, Occur.MUST).add(visible, Occur.FILTER).build(),
                    FIRST_PASS_CANDIDATES);
            TopDocs top = new QueryRescorer(text) {
                @Override
                protected float combine(float firstPassScore, boolean secondPassMatches, float secondPassScore) {
                    return secondPassMatches ? secondPassScore : 0;
                }
            }.rescore(searcher, first, TEXT_CANDIDATES);
            float max = top.scoreDocs.length == 0 ? 1 : top.scoreDocs[0].score;
            for (ScoreDoc hit : top.scoreDocs) {
                candidates.computeIfAbsent(hit.doc, Candidate::new).text = hit.score / max;
            }
        }
        float[] vector = weights.semantic() > 0 ? DocScores.vector(searcher, ArticleDocument.VECTOR, selfDoc) : null;
        if (vector != null) {
            // The nearest neighbours of the article's meaning, then every candidate's cosine, normalised from the
            // floor (nothing) to the best (1).
            for (int doc : Neighbours.nearest(searcher, vector, TEXT_CANDIDATES, visible, true)) {
                candidates.computeIfAbsent(doc, Candidate::new);
            }
        }
        Query structure = structureQuery(source);
        if (structure != null) {
            for (ScoreDoc hit : byViews(searcher, new BooleanQuery.Builder().add(structure, Occur.MUST)
                    .add(visible, Occur.FILTER).build(), STRUCTURE_CANDIDATES).scoreDocs) {
                candidates.computeIfAbsent(hit.doc, Candidate::new);
            }
        }

        if (vector != null) {
            Map<Integer, Float> cosines = DocScores.dot(searcher, ArticleDocument.VECTOR, vector,
                    candidates.keySet().stream().mapToInt(Integer::intValue).toArray());
            double best = cosines.values().stream().mapToDouble(Float::doubleValue).max().orElse(1);
            if (best > SEMANTIC_FLOOR) {
                cosines.forEach((doc, cos) -> candidates.get(doc).semantic = Math.max(0, (cos - SEMANTIC_FLOOR) / (best - SEMANTIC_FLOOR)));
            }
        }
        return candidates;
    }

    /**
     * The candidates ranked by the weighted mean of every signal, ties by id, without two nearly identical titles
     * (nor the article's own); a short list is filled with popular articles.
     */
    private List<RelatedHit> ranked(IndexSearcher searcher, Source source, Map<Integer, Candidate> candidates, Query visible,
            int limit, Instant now, Weights weights) throws IOException {
        Cards cards = new Cards(searcher.getIndexReader());
        for (Candidate c : candidates.values()) {
            c.card = cards.load(c.doc);
        }
        MostViewed mostViewed = n -> {
            List<Document> popular = new ArrayList<>();
            for (ScoreDoc hit : byViews(searcher, visible, n).scoreDocs) {
                popular.add(cards.load(hit.doc));
            }
            return popular;
        };
        return rank(source, new ArrayList<>(candidates.values()), mostViewed, limit, now, weights);
    }

    private static List<RelatedHit> rank(Source source, List<Candidate> candidates, MostViewed mostViewed, int limit,
            Instant now, Weights weights) throws IOException {
        long maxViews = 1;
        Set<Long> ids = new java.util.HashSet<>();
        for (Candidate c : candidates) {
            maxViews = Math.max(maxViews, views(c.card));
            ids.add(idOf(c.card));
        }
        for (Candidate c : candidates) {
            c.score = score(source, c, c.card, maxViews, now, weights);
        }
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingDouble((Candidate c) -> -c.score).thenComparingLong(c -> idOf(c.card)));

        List<RelatedHit> result = new ArrayList<>();
        List<TitleKey> kept = new ArrayList<>(List.of(source.key()));
        addDistinct(ranked, source, kept, result, limit, weights);
        if (result.size() < limit) {
            List<Candidate> popular = new ArrayList<>();
            for (Document card : mostViewed.cards(limit * 4 + kept.size())) {
                if (!ids.contains(idOf(card))) {
                    Candidate c = new Candidate(-1);
                    c.card = card;
                    c.popularFill = true;
                    c.score = score(source, c, card, Math.max(maxViews, views(card)), now, weights);
                    popular.add(c);
                }
            }
            addDistinct(popular, source, kept, result, limit, weights);
        }
        return result;
    }

    private static void addDistinct(List<Candidate> ranked, Source source, List<TitleKey> kept, List<RelatedHit> result,
            int limit, Weights weights) {
        for (Candidate c : ranked) {
            if (result.size() >= limit) {
                return;
            }
            Document doc = c.card;
            TitleKey key = new TitleKey(doc.get(ArticleDocument.TITLE));
            if (kept.stream().anyMatch(key::nearlySame)) {
                continue;
            }
            kept.add(key);
            result.add(new RelatedHit(idOf(doc), Math.round(c.score * 10_000) / 10_000.0, reasons(source, c, doc, key, weights)));
        }
    }

    private static double score(Source source, Candidate c, Document doc, long maxViews, Instant now, Weights w) {
        double disease = shared(source.diseases().keySet(), values(doc, ArticleDocument.DISEASE)).isEmpty() ? 0 : 1;
        double department = departmentMatch(source, doc);
        double tags = shared(source.tags(), values(doc, ArticleDocument.TAG)).isEmpty() ? 0 : 1;
        double reviewer = source.reviewer() != null && source.reviewer().equals(first(doc, ArticleDocument.REVIEWER)) ? 1 : 0;
        double popularity = Math.log1p(views(doc)) / Math.log1p(maxViews);
        double ageDays = Math.max(0, Duration.between(Instant.ofEpochMilli(published(doc)), now).toDays());
        double freshness = Math.exp(-ageDays / 365.0);
        return (w.text() * c.text + w.semantic() * c.semantic + w.disease() * disease + w.department() * department + w.tags() * tags
                + w.reviewer() * reviewer + w.popularity() * popularity + w.freshness() * freshness) / w.sum();
    }

    /** 1 for the same department, 0.5 for its parent, a child or a sibling, 0 otherwise. */
    private static double departmentMatch(Source source, Document doc) {
        String department = doc.get(ArticleDocument.SAME_DEPARTMENT);
        if (source.departmentId() == null || department == null) {
            return 0;
        }
        if (department.equals(source.departmentId())) {
            return 1;
        }
        String parent = doc.get(ArticleDocument.PARENT_DEPARTMENT);
        boolean related = department.equals(source.parentDepartmentId()) || source.departmentId().equals(parent)
                || (parent != null && parent.equals(source.parentDepartmentId()));
        return related ? 0.5 : 0;
    }

    private static List<String> reasons(Source source, Candidate c, Document doc, TitleKey key, Weights weights) {
        List<String> reasons = new ArrayList<>();
        List<String> diseases = shared(source.diseases().keySet(), values(doc, ArticleDocument.DISEASE));
        if (!diseases.isEmpty()) {
            reasons.add("同病种: " + String.join("、", diseases.stream().limit(3).map(source.diseases()::get).toList()));
        }
        if (source.key().similarity(key) >= 0.3) {
            reasons.add("标题相似");
        }
        if (c.text >= 0.3) {
            reasons.add("内容相关");
        }
        if (weights.semantic() > 0 && c.semantic >= SEMANTIC_REASON) {
            reasons.add("语义相近");
        }
        double department = departmentMatch(source, doc);
        if (department == 1) {
            reasons.add("同科室: " + doc.get(ArticleDocument.DEPARTMENT_NAME));
        } else if (department > 0) {
            reasons.add("相关科室: " + doc.get(ArticleDocument.DEPARTMENT_NAME));
        }
        List<String> tags = shared(source.tags(), values(doc, ArticleDocument.TAG));
        if (!tags.isEmpty()) {
            reasons.add("相同标签: " + String.join("、", tags.stream().limit(3).toList()));
        }
        if (source.reviewer() != null && source.reviewer().equals(first(doc, ArticleDocument.REVIEWER))) {
            reasons.add("同一审核医生: " + doc.get(ArticleDocument.REVIEWER_NAME));
        }
        if (c.popularFill || reasons.isEmpty()) {
            reasons.add(c.text > 0 ? "内容相关" : weights.semantic() > 0 && c.semantic > 0 ? "语义相近" : "热门文章");
        }
        return reasons;
    }

    /** The text query, and its most telling terms alone for a fast first pass; null when no term is telling. */
    private record TextQueries(Query quick, Query full) {
    }

    private static TextQueries textQueries(IndexSearcher searcher, Analyzer analyzer, String title, String body)
            throws IOException {
        MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
        mlt.setAnalyzer(analyzer);
        mlt.setFieldNames(new String[] { ArticleDocument.TITLE, ArticleDocument.BODY });
        mlt.setMinTermFreq(1);
        mlt.setMinDocFreq(MIN_DOC_FREQ);
        mlt.setMaxQueryTerms(MAX_QUERY_TERMS);
        mlt.setBoost(true);
        Query titleQuery = mlt.like(ArticleDocument.TITLE, new StringReader(title));
        // The body's telling terms are looked for in bodies only: half the clauses, at no cost in precision.
        mlt.setFieldNames(new String[] { ArticleDocument.BODY });
        Query bodyQuery = mlt.like(ArticleDocument.BODY, new StringReader(title + "\n" + (body == null ? "" : body)));
        BooleanQuery.Builder quick = new BooleanQuery.Builder();
        BooleanQuery.Builder full = new BooleanQuery.Builder();
        boolean any = false;
        if (titleQuery instanceof BooleanQuery b && !b.clauses().isEmpty()) {
            quick.add(new BoostQuery(bestClauses(b, FIRST_PASS_TERMS), TITLE_BOOST), Occur.SHOULD);
            full.add(new BoostQuery(titleQuery, TITLE_BOOST), Occur.SHOULD);
            any = true;
        }
        if (bodyQuery instanceof BooleanQuery b && !b.clauses().isEmpty()) {
            quick.add(bestClauses(b, FIRST_PASS_TERMS), Occur.SHOULD);
            full.add(bodyQuery, Occur.SHOULD);
            any = true;
        }
        return any ? new TextQueries(quick.build(), full.build()) : null;
    }

    /**
     * The {@code n} clauses that weigh most: with setBoost on, MoreLikeThis boosts each term by its score. Chosen by
     * boost, not by where MoreLikeThis put them; ties keep its order (the later, the better) and the clauses stay in
     * the order it wrote them.
     */
    static Query bestClauses(BooleanQuery query, int n) {
        List<BooleanClause> clauses = new ArrayList<>(query.clauses());
        Collections.reverse(clauses);
        clauses.sort(Comparator.comparingDouble(RelatedScorer::boost).reversed()); // stable: ties keep that order
        List<BooleanClause> best = new ArrayList<>(clauses.subList(0, Math.min(n, clauses.size())));
        best.sort(Comparator.comparingInt(c -> query.clauses().indexOf(c)));
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        best.forEach(builder::add);
        return builder.build();
    }

    private static double boost(BooleanClause clause) {
        return clause.getQuery() instanceof BoostQuery boosted ? boosted.getBoost() : 1;
    }

    private static Query structureQuery(Source source) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean any = false;
        for (String disease : source.diseases().keySet()) {
            query.add(new TermQuery(new Term(ArticleDocument.DISEASE, disease)), Occur.SHOULD);
            any = true;
        }
        if (source.departmentId() != null) {
            query.add(new TermQuery(new Term(ArticleDocument.SAME_DEPARTMENT, source.departmentId())), Occur.SHOULD);
            any = true;
        }
        return any ? query.build() : null;
    }

    private static Query visibleExcept(long id, Instant now) {
        return new BooleanQuery.Builder()
                .add(LongPoint.newRangeQuery(ArticleDocument.PUBLISHED, Long.MIN_VALUE, now.toEpochMilli()), Occur.FILTER)
                .add(new TermQuery(new Term(ArticleDocument.ID, Long.toString(id))), Occur.MUST_NOT)
                .build();
    }

    private static TopDocs byViews(IndexSearcher searcher, Query query, int n) throws IOException {
        return searcher.search(query, n, new Sort(new SortField(ArticleDocument.VIEWS, SortField.Type.LONG, true),
                new SortField(ArticleDocument.ID_SORT, SortField.Type.LONG)));
    }

    private static Source source(long id, Document doc) {
        Map<String, String> diseases = new LinkedHashMap<>();
        for (String value : doc.getValues(ArticleDocument.DISEASE_NAME)) {
            int bar = value.indexOf('|');
            diseases.put("id:" + value.substring(0, bar), value.substring(bar + 1));
        }
        String title = doc.get(ArticleDocument.TITLE);
        return new Source(id, title, new TitleKey(title), doc.get(ArticleDocument.SAME_DEPARTMENT),
                doc.get(ArticleDocument.PARENT_DEPARTMENT), diseases, new LinkedHashSet<>(values(doc, ArticleDocument.TAG)),
                first(doc, ArticleDocument.REVIEWER));
    }

    private static List<String> values(Document doc, String field) {
        List<String> values = new ArrayList<>();
        for (IndexableField f : doc.getFields(field)) {
            values.add(f.stringValue());
        }
        return values;
    }

    private static String first(Document doc, String field) {
        return doc.get(field);
    }

    private static List<String> shared(Set<String> mine, List<String> theirs) {
        return theirs.stream().filter(mine::contains).distinct().toList();
    }

    static long idOf(Document doc) {
        return doc.getField(ArticleDocument.ID_VALUE).numericValue().longValue();
    }

    private static long views(Document doc) {
        return doc.getField(ArticleDocument.VIEWS_VALUE).numericValue().longValue();
    }

    private static long published(Document doc) {
        return doc.getField(ArticleDocument.PUBLISHED_VALUE).numericValue().longValue();
    }
}
