package com.bohe.content.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.MMapDirectory;

/**
 * The in-process Lucene index of published articles, for related articles and full-text search. It lives in a
 * memory-mapped temporary directory, so its bulk stays off the Java heap. Every change is searchable as soon as
 * the call that made it returns. The index knows nothing of HTTP or of the database.
 */
public class ArticleIndex implements AutoCloseable {

    static final String ID = "id";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final String PUBLISHED = "published";
    static final String VIEWS = "views";
    static final String DEPARTMENT = "department";
    static final String SAME_DEPARTMENT = "department_exact";
    static final String PARENT_DEPARTMENT = "department_parent";
    static final String DEPARTMENT_NAME = "department_name";
    static final String DISEASE = "disease";
    static final String DISEASE_NAME = "disease_name";
    static final String REVIEWER = "reviewer";
    static final String REVIEWER_NAME = "reviewer_name";
    static final String TAG = "tag";

    private final Analyzer analyzer = ChineseAnalysis.chosen();
    private final Path directoryPath;
    private final MMapDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final RelatedScorer scorer = new RelatedScorer();

    public ArticleIndex() {
        try {
            directoryPath = Files.createTempDirectory("content-index");
            directory = new MMapDirectory(directoryPath);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setSimilarity(new BM25Similarity())
                    .setRAMBufferSizeMB(32);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the search index", e);
        }
    }

    /** Adds or replaces articles; they are searchable when this returns. */
    public void put(Collection<IndexedArticle> articles) {
        putBulk(articles);
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds many articles without making each batch searchable; call {@link #commit()} after the last one. */
    public void putBulk(Collection<IndexedArticle> articles) {
        try {
            for (IndexedArticle article : articles) {
                writer.updateDocument(new Term(ID, Long.toString(article.id())), document(article));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a bulk load searchable, merged into one segment: fewer segments, faster queries. */
    public void commit() {
        try {
            writer.forceMerge(1);
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(Collection<Long> ids) {
        try {
            for (Long id : ids) {
                writer.deleteDocuments(new Term(ID, Long.toString(id)));
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The related articles of an indexed article, best first; empty when the article is not indexed. */
    public List<RelatedHit> related(long id, int limit, Instant now, RelatedScorer.Weights weights) {
        return withSearcher(searcher -> scorer.related(searcher, analyzer, id, limit, now, weights));
    }

    /**
     * Full-text search over titles (boosted) and bodies, best first, ties by id. Every bigram of the query must
     * occur, in the title or the body, so that a Chinese word is found as a whole and not as scattered characters.
     */
    public SearchHits search(String text, ArticleFilters filters, int offset, int limit, Instant now) {
        return withSearcher(searcher -> {
            Query query = searchQuery(text, filters, now);
            if (query == null) {
                return new SearchHits(0, List.of());
            }
            int total = searcher.count(query);
            if (offset >= total) {
                return new SearchHits(total, List.of());
            }
            Sort byScoreThenId = new Sort(SortField.FIELD_SCORE, new SortField(ID + "_sort", SortField.Type.LONG));
            TopDocs top = searcher.search(query, offset + limit, byScoreThenId, true);
            List<Long> ids = new ArrayList<>();
            for (int i = offset; i < top.scoreDocs.length; i++) {
                ids.add(searcher.storedFields().document(top.scoreDocs[i].doc).getField(ID + "_value").numericValue().longValue());
            }
            return new SearchHits(total, ids);
        });
    }

    /** A snippet per article with the query's terms in {@code <em>}, HTML-escaped; absent where nothing matched. */
    public Map<Long, String> highlights(String text, Collection<Long> ids) {
        return withSearcher(searcher -> {
            Map<Long, String> result = new HashMap<>();
            Query match = QueryText.allTerms(analyzer, text, Map.of(TITLE, 3f, BODY, 1f));
            if (match == null) {
                return result;
            }
            Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new SimpleHTMLEncoder(),
                    new QueryScorer(match));
            highlighter.setTextFragmenter(new SimpleFragmenter(80));
            for (Long id : ids) {
                TopDocs found = searcher.search(new TermQuery(new Term(ID, Long.toString(id))), 1);
                if (found.scoreDocs.length == 1) {
                    Document doc = searcher.storedFields().document(found.scoreDocs[0].doc);
                    String snippet = fragment(highlighter, BODY, doc.get(BODY));
                    if (snippet == null) {
                        snippet = fragment(highlighter, TITLE, doc.get(TITLE));
                    }
                    if (snippet != null) {
                        result.put(id, snippet);
                    }
                }
            }
            return result;
        });
    }

    private Query searchQuery(String text, ArticleFilters filters, Instant now) {
        Query match = QueryText.allTerms(analyzer, text, Map.of(TITLE, 3f, BODY, 1f));
        if (match == null) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(match, Occur.MUST);
        query.add(LongPoint.newRangeQuery(PUBLISHED, Long.MIN_VALUE, now.toEpochMilli()), Occur.FILTER);
        filters.addTo(query);
        return query.build();
    }

    private String fragment(Highlighter highlighter, String field, String text) {
        try {
            return text == null ? null : highlighter.getBestFragment(analyzer, field, text);
        } catch (IOException | InvalidTokenOffsetsException e) {
            return null;
        }
    }

    private Document document(IndexedArticle a) {
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(a.id()), Field.Store.NO));
        doc.add(new StoredField(ID + "_value", a.id()));
        doc.add(new NumericDocValuesField(ID + "_sort", a.id()));
        doc.add(new TextField(TITLE, a.title(), Field.Store.YES));
        doc.add(new TextField(BODY, a.body(), Field.Store.YES));
        long published = a.publishedAt().toEpochMilli();
        doc.add(new LongPoint(PUBLISHED, published));
        doc.add(new NumericDocValuesField(PUBLISHED, published));
        doc.add(new StoredField(PUBLISHED + "_value", published));
        doc.add(new NumericDocValuesField(VIEWS, a.viewCount()));
        doc.add(new StoredField(VIEWS + "_value", a.viewCount()));
        if (a.departmentId() != null) {
            addRef(doc, DEPARTMENT, a.departmentId(), a.departmentSlug());
            doc.add(new StringField(SAME_DEPARTMENT, Long.toString(a.departmentId()), Field.Store.YES));
            doc.add(new StoredField(DEPARTMENT_NAME, a.departmentName()));
        }
        if (a.parentDepartmentId() != null) {
            addRef(doc, DEPARTMENT, a.parentDepartmentId(), a.parentDepartmentSlug());
            doc.add(new StringField(PARENT_DEPARTMENT, Long.toString(a.parentDepartmentId()), Field.Store.YES));
        }
        for (IndexedArticle.Ref disease : a.diseases()) {
            addRef(doc, DISEASE, disease.id(), disease.slug());
            doc.add(new StoredField(DISEASE_NAME, disease.id() + "|" + disease.name()));
        }
        if (a.reviewer() != null) {
            addRef(doc, REVIEWER, a.reviewer().id(), a.reviewer().slug());
            doc.add(new StoredField(REVIEWER_NAME, a.reviewer().name()));
        }
        for (String tag : a.tags()) {
            doc.add(new StringField(TAG, tag, Field.Store.YES));
        }
        doc.add(new BinaryDocValuesField(Cards.FIELD, Cards.encode(doc)));
        return doc;
    }

    /** A reference is findable by id ("id:12") and by slug ("slug:mian-tan"). */
    private static void addRef(Document doc, String field, long id, String slug) {
        doc.add(new StringField(field, "id:" + id, Field.Store.YES));
        if (slug != null) {
            doc.add(new StringField(field, "slug:" + slug, Field.Store.NO));
        }
    }

    interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                searcher.setSimilarity(new BM25Similarity());
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
            try (var files = Files.walk(directoryPath)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
