package com.bohe.content.search;

import static com.bohe.content.search.ArticleDocument.*;

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
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
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
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NRTCachingDirectory;

/**
 * The in-process Lucene index of published articles, for related articles and full-text search. It lives in a
 * memory-mapped temporary directory, so its bulk stays off the Java heap (only the small segments that single
 * writes flush are kept on the heap until merged). Every change is searchable as soon as
 * the call that made it returns. The index knows nothing of HTTP or of the database.
 */
public class ArticleIndex implements AutoCloseable {

    private final Analyzer analyzer = ChineseAnalysis.chosen();
    private final Path directoryPath;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Reopens the searcher for writes that wait to see themselves: concurrent writers share one reopen. */
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final RelatedScorer scorer = new RelatedScorer();

    private static final String PREFIX = "content-index";
    /**
     * Set once per JVM, across class loaders (tests and dev mode start the application again in new ones): the
     * sweep runs before the JVM's first index, when no lock of this JVM can be confused with an orphan's.
     */
    private static final String SWEPT = "content.index.orphans-swept";

    public ArticleIndex() {
        try {
            if (System.getProperties().putIfAbsent(SWEPT, "true") == null) {
                sweepOrphans(Path.of(System.getProperty("java.io.tmpdir")), java.time.Duration.ofMinutes(1));
            }
            directoryPath = Files.createTempDirectory(PREFIX);
            // Each write reopens the searcher, flushing a small segment: kept on the heap (segments up to 4 MB, 16 MB
            // in all, as Lucene advises for frequent reopens) rather than written to files and mapped, which cost a
            // write more than anything else it did.
            directory = new NRTCachingDirectory(new MMapDirectory(directoryPath), 4.0, 16.0);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setCodec(VectorFormat.codec())
                    // Separate files per segment, so that the vectors' share can be told (storage()).
                    .setUseCompoundFile(false)
                    .setSimilarity(new BM25Similarity())
                    .setRAMBufferSizeMB(32);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the search index", e);
        }
        // Reopens at once for a writer that waits (put, remove), and otherwise only hourly: a bulk load stays unseen
        // until commit().
        reopener = new ControlledRealTimeReopenThread<>(writer, searchers, 3600.0, 0.0);
        reopener.setName("article-index-reopen");
        reopener.setDaemon(true);
        reopener.start();
    }

    /**
     * Adds or replaces articles; they are searchable when this returns. Writers that put at the same time wait for
     * one reopen of the searcher together, rather than each flushing a segment of its own in turn.
     */
    public void put(Collection<IndexedArticle> articles) {
        await(putBulk(articles));
    }

    /**
     * Adds many articles without making each batch searchable; call {@link #commit()} after the last one.
     *
     * @return the writer's sequence number of the last change
     */
    public long putBulk(Collection<IndexedArticle> articles) {
        long sequence = -1;
        try {
            for (IndexedArticle article : articles) {
                sequence = writer.updateDocument(new Term(ID, Long.toString(article.id())), ArticleDocument.of(article));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sequence;
    }

    /** Until a searcher sees the change of that sequence number. */
    private void await(long sequence) {
        if (sequence < 0) {
            return;
        }
        try {
            reopener.waitForGeneration(sequence);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the search index was reopened", e);
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
        long sequence = -1;
        try {
            for (Long id : ids) {
                sequence = writer.deleteDocuments(new Term(ID, Long.toString(id)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await(sequence);
    }

    /** The ranking the API serves. */
    private static final ArticleSearch.Ranking HYBRID = ArticleSearch.hybrid(ArticleSearch.Weights.DEFAULT);

    /** The related articles of an indexed article, best first; empty when the article is not indexed. */
    public List<RelatedHit> related(long id, int limit, Instant now, RelatedScorer.Weights weights) {
        return withSearcher(searcher -> scorer.related(searcher, analyzer, id, limit, now, weights));
    }

    /**
     * Search for what a person typed, best first, ties by id: every article that shares a bigram with the query,
     * ranked by BM25, coverage, proximity and, given the query's embedding, semantic similarity; quoted text must
     * occur as written ({@link ArticleSearch}).
     */
    public SearchHits search(String text, float[] queryVector, ArticleFilters filters, int offset, int limit, Instant now) {
        return search(text, queryVector, filters, offset, limit, now, HYBRID);
    }

    /** As {@link #search(String, float[], ArticleFilters, int, int, Instant)}, ranked another way (the harness's). */
    SearchHits search(String text, float[] queryVector, ArticleFilters filters, int offset, int limit, Instant now,
            ArticleSearch.Ranking ranking) {
        return withSearcher(searcher -> ranking.rank(searcher, analyzer, text, queryVector, visible(filters, now),
                ArticleFilters.NONE.equals(filters), offset, limit));
    }

    /** The stored embedding of an indexed article, or null. */
    public float[] vector(long id) {
        return withSearcher(searcher -> {
            TopDocs found = searcher.search(new TermQuery(new Term(ID, Long.toString(id))), 1);
            return found.scoreDocs.length == 0 ? null : DocScores.vector(searcher, VECTOR, found.scoreDocs[0].doc);
        });
    }

    /** How many indexed articles have an embedding. */
    /** Whether an article is in the index (public, or scheduled). */
    public boolean contains(long id) {
        return withSearcher(searcher -> searcher.count(new org.apache.lucene.search.TermQuery(new Term(ID, Long.toString(id)))) > 0);
    }

    /** Whether an indexed article has its embedding in the index. */
    public boolean hasVector(long id) {
        return withSearcher(searcher -> searcher.count(new org.apache.lucene.search.BooleanQuery.Builder()
                .add(new org.apache.lucene.search.TermQuery(new Term(ID, Long.toString(id))), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                .add(new org.apache.lucene.search.FieldExistsQuery(VECTOR), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                .build()) > 0);
    }

    /** Articles in the index. */
    public int documents() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    public int vectors() {
        return withSearcher(searcher -> searcher.count(new org.apache.lucene.search.FieldExistsQuery(VECTOR)));
    }

    /** A snippet per article with the query's terms in {@code <em>}, HTML-escaped; absent where nothing matched. */
    public Map<Long, String> highlights(String text, Collection<Long> ids) {
        return withSearcher(searcher -> {
            Map<Long, String> result = new HashMap<>();
            Query match = ArticleSearch.lexical(searcher.getIndexReader(), analyzer, text, true, new TermStats(searcher));
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

    private static Query visible(ArticleFilters filters, Instant now) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
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

    /** The size of the index's files by kind (the vector files among them), for the harness and the logs. */
    public String storage() {
        try {
            long vectors = 0;
            long quantized = 0;
            long graph = 0;
            long total = 0;
            for (String file : directory.listAll()) {
                long size = directory.fileLength(file);
                total += size;
                if (file.endsWith(".vec")) {
                    vectors += size;
                } else if (file.endsWith(".veq")) {
                    quantized += size;
                } else if (file.endsWith(".vex")) {
                    graph += size;
                }
            }
            return String.format("index files %.1f MB: float vectors %.1f MB, quantized vectors %.1f MB, HNSW graph %.1f MB",
                    total / 1e6, vectors / 1e6, quantized / 1e6, graph / 1e6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the index directories of processes that are gone (killed, or tests that never closed theirs): a
     * directory whose write lock is free. Lucene's native locks are released by the operating system when their
     * process ends, so a running instance's index is never touched; one younger than {@code minAge} is left alone,
     * since its writer may not have taken the lock yet. Returns how many it deleted.
     */
    static int sweepOrphans(Path root, java.time.Duration minAge) {
        int deleted = 0;
        java.time.Instant before = java.time.Instant.now().minus(minAge);
        try (var candidates = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path candidate : candidates) {
                if (!Files.isDirectory(candidate) || Files.getLastModifiedTime(candidate).toInstant().isAfter(before)) {
                    continue;
                }
                boolean orphan;
                try (Directory dir = org.apache.lucene.store.FSDirectory.open(candidate);
                        org.apache.lucene.store.Lock lock = dir.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
                    orphan = true;
                } catch (org.apache.lucene.store.LockObtainFailedException | java.nio.channels.OverlappingFileLockException e) {
                    // Held: by another process, or by this JVM through another class loader's Lucene.
                    orphan = false;
                }
                if (orphan) {
                    try (var files = Files.walk(candidate)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                    deleted++;
                }
            }
        } catch (IOException e) {
            // Best effort: the temporary directory may not be ours to list.
        }
        return deleted;
    }

    @Override
    public void close() {
        reopener.close();
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
