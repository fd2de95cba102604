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
    private final boolean temporary;
    private final Directory directory;
    private final IndexWriter writer;
    private final Restored restored;
    private final String rebuildReason;
    private final String format;
    private final SearcherManager searchers;
    /** Reopens the searcher for writes that wait to see themselves: concurrent writers share one reopen. */
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final RelatedScorer scorer = new RelatedScorer();
    private final BudgetedMerges merges;
    /** When the index was last written (System.nanoTime), and the write after which a merge was last asked for. */
    private volatile long lastWrite = System.nanoTime();
    private volatile long mergeAskedAt;

    private static final String PREFIX = "content-index";
    /** The commit data of a kept index: how it was written, how far into the change log, and from which database. */
    private static final String FORMAT = "format";
    private static final String POSITION = "change-log-position";
    private static final String LOOK_BACK = "change-log-look-back-from";
    private static final String DATABASE = "database";
    /**
     * Set once per JVM, across class loaders (tests and dev mode start the application again in new ones): the
     * sweep runs before the JVM's first index, when no lock of this JVM can be confused with an orphan's.
     */
    private static final String SWEPT = "content.index.orphans-swept";

    /** An index in a temporary directory of its own, deleted when it closes: built anew at every start. */
    public ArticleIndex() {
        this(null, null, null);
    }

    /** As {@link #ArticleIndex(Path, String, BudgetedMerges)}, merging on Lucene's own threads. */
    public ArticleIndex(Path path, String format) {
        this(path, format, null);
    }

    /**
     * The index kept in {@code path} ({@code CONTENT_INDEX_DIR}), opened as its last commit left it when that commit
     * was written in {@code format} ({@link #format}) and names a change-log position ({@link #restored()});
     * otherwise emptied, with the reason in {@link #rebuildReason()}. A directory another process holds open is
     * left to it: this index is then temporary, and says why.
     *
     * @param merges what runs the merges within the background budget; null for Lucene's own threads (tests, harness)
     */
    ArticleIndex(Path path, String format, BudgetedMerges merges) {
        this.merges = merges;
        try {
            if (System.getProperties().putIfAbsent(SWEPT, "true") == null) {
                sweepOrphans(Path.of(System.getProperty("java.io.tmpdir")), java.time.Duration.ofMinutes(1));
            }
            Opened opened = path == null ? null : open(path, format);
            if (opened == null) {
                directoryPath = Files.createTempDirectory(PREFIX);
                temporary = true;
                directory = cached(directoryPath);
                writer = new IndexWriter(directory, writerConfig());
                restored = null;
                rebuildReason = path == null ? null : "the index directory " + path + " is in use by another process";
            } else {
                directoryPath = path;
                temporary = false;
                directory = opened.directory();
                writer = opened.writer();
                restored = opened.restored();
                rebuildReason = opened.reason();
            }
            this.format = format;
            searchers = new SearcherManager(writer, null);
            if (merges != null) {
                merges.afterMerges(this::refreshQuietly);
            }
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
     * What the documents of an index depend on: this class's document version, the analysis, the vector format and
     * the embedding model. An index written otherwise is rebuilt.
     */
    public static String format(String model) {
        return "document=" + ArticleDocument.VERSION + ";analysis=" + ChineseAnalysis.name() + ";vectors=" + VectorFormat.bits()
                + "bit;model=" + model;
    }

    /** Where a kept index left off: the change-log position its last commit recorded, and the database it came from. */
    public record Restored(long position, Instant lookBackFrom, String database) {
    }

    private record Opened(Directory directory, IndexWriter writer, Restored restored, String reason) {
    }

    private static Directory cached(Path path) throws IOException {
        // Each write reopens the searcher, flushing a small segment: kept on the heap (segments up to 4 MB, 16 MB
        // in all, as Lucene advises for frequent reopens) rather than written to files and mapped, which cost a
        // write more than anything else it did.
        return new NRTCachingDirectory(new MMapDirectory(path), 4.0, 16.0);
    }

    private IndexWriterConfig writerConfig() {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        if (merges != null) {
            config.setMergeScheduler(merges);
        }
        return config
                .setCodec(VectorFormat.codec())
                // Separate files per segment, so that the vectors' share can be told (storage()).
                .setUseCompoundFile(false)
                .setSimilarity(new BM25Similarity())
                .setRAMBufferSizeMB(32);
    }

    /** Opens a kept index, or empties it and says why; null when another process holds it. */
    private Opened open(Path path, String format) throws IOException {
        Files.createDirectories(path);
        Directory dir = cached(path);
        String reason = null;
        Restored found = null;
        // The lock first: a directory another process writes is neither read nor emptied.
        try (org.apache.lucene.store.Lock lock = dir.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            if (!org.apache.lucene.index.DirectoryReader.indexExists(dir)) {
                reason = "there was no index in " + path;
            } else {
                try {
                    Map<String, String> data = org.apache.lucene.index.SegmentInfos.readLatestCommit(dir).getUserData();
                    if (data.get(POSITION) == null) {
                        reason = "the index in " + path + " records no change-log position";
                    } else if (!format.equals(data.get(FORMAT))) {
                        reason = "the index in " + path + " was written as " + data.get(FORMAT) + ", this version writes " + format;
                    } else {
                        found = new Restored(Long.parseLong(data.get(POSITION)), Instant.ofEpochMilli(Long.parseLong(data.get(LOOK_BACK))),
                                data.get(DATABASE));
                    }
                } catch (IOException | RuntimeException e) {
                    reason = "the index in " + path + " could not be read (" + e + ")";
                }
            }
            if (found == null) {
                // Whatever is there goes: a writer that creates an index still reads the last commit, and fails on
                // a broken one.
                for (String file : dir.listAll()) {
                    if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                        dir.deleteFile(file);
                    }
                }
            }
        } catch (org.apache.lucene.store.LockObtainFailedException | java.nio.channels.OverlappingFileLockException e) {
            dir.close();
            return null;
        }
        IndexWriter opened;
        try {
            opened = new IndexWriter(dir, writerConfig().setOpenMode(found == null ? IndexWriterConfig.OpenMode.CREATE
                    : IndexWriterConfig.OpenMode.APPEND));
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            dir.close();
            return null;
        }
        if (found != null) {
            // Every segment opened once: broken files under a readable commit are found here, not by the first search.
            try (var reader = org.apache.lucene.index.DirectoryReader.open(opened)) {
                reader.numDocs();
            } catch (IOException | RuntimeException e) {
                opened.deleteAll();
                reason = "the index in " + path + " could not be searched (" + e + ")";
                found = null;
            }
        }
        return new Opened(dir, opened, found, reason);
    }

    /** Where the kept index this instance opened left off; null when it starts empty. */
    public Restored restored() {
        return restored;
    }

    /** Why the index starts empty although a directory was given; null when it did not, or when it was restored. */
    public String rebuildReason() {
        return rebuildReason;
    }

    /** Whether the index is kept across restarts (a directory was given, and this process holds it). */
    public boolean kept() {
        return !temporary;
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
        lastWrite = System.nanoTime();
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
            // The build's merge is not background work: the instance is not ready until it is done.
            urgent(true);
            writer.forceMerge(1);
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            urgent(false);
        }
    }

    private void urgent(boolean urgent) {
        if (merges != null) {
            merges.urgent(urgent);
        }
    }

    /**
     * After a quiet spell with no writes, asks for the index to be merged into one segment, as a build leaves it,
     * when it has more than {@code maxSegments}: a large import leaves many (17 after 20,000 articles, each
     * searched on its own, which doubled the cost of search and related lists until a restart). The merges run in
     * the background, within its budget; the searcher sees one segment when they are done.
     *
     * @return whether a merge was asked for
     */
    public boolean mergeWhenQuiet(java.time.Duration quiet, int maxSegments) {
        long written = lastWrite;
        if (System.nanoTime() - written < quiet.toNanos() || mergeAskedAt == written || segments() <= maxSegments) {
            return false;
        }
        mergeAskedAt = written;
        try {
            writer.forceMerge(1, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** The segments the searcher sees: each is searched on its own (its HNSW graph too). */
    public int segments() {
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    /** Reopens the searcher now (the merges do when done; the tests). */
    void refreshQuietly() {
        try {
            searchers.maybeRefresh();
        } catch (IOException | RuntimeException e) {
            // The next write reopens it.
        }
    }

    /**
     * Makes a bulk load searchable, merged into one segment, and keeps it with where it is in the change log: every
     * change up to {@code position}, and every change logged after {@code lookBackFrom}, may be read again.
     */
    public void commit(long position, Instant lookBackFrom, String database) {
        recordPosition(position, lookBackFrom, database);
        commit();
    }

    /**
     * Writes what the index holds to its directory with its change-log position, for the next start to go on from
     * (a kept index only; a temporary one is left as it is).
     */
    public void checkpoint(long position, Instant lookBackFrom, String database) {
        if (temporary) {
            return;
        }
        recordPosition(position, lookBackFrom, database);
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void recordPosition(long position, Instant lookBackFrom, String database) {
        Map<String, String> data = new java.util.LinkedHashMap<>();
        data.put(FORMAT, format == null ? "" : format);
        data.put(POSITION, Long.toString(position));
        data.put(LOOK_BACK, Long.toString(lookBackFrom.toEpochMilli()));
        data.put(DATABASE, database == null ? "" : database);
        writer.setLiveCommitData(data.entrySet());
    }

    /** Empties the index (a kept one that cannot be caught up is built again). */
    public void clear() {
        lastWrite = System.nanoTime();
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(Collection<Long> ids) {
        long sequence = -1;
        lastWrite = System.nanoTime();
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

    /** The ids of the indexed articles that have no embedding in the index, in id order. */
    public List<Long> idsWithoutVector() {
        return withSearcher(searcher -> {
            int missing = searcher.getIndexReader().numDocs() - searcher.count(new org.apache.lucene.search.FieldExistsQuery(VECTOR));
            if (missing == 0) {
                return List.<Long>of();
            }
            Query without = new BooleanQuery.Builder()
                    .add(new org.apache.lucene.search.MatchAllDocsQuery(), Occur.FILTER)
                    .add(new org.apache.lucene.search.FieldExistsQuery(VECTOR), Occur.MUST_NOT)
                    .build();
            int[] docs = java.util.Arrays.stream(searcher.search(without, missing).scoreDocs)
                    .mapToInt(d -> d.doc).toArray();
            List<Long> ids = new ArrayList<>(DocScores.longs(searcher, ID_SORT, docs).values());
            ids.sort(null);
            return ids;
        });
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
        // What the writer waits for on the way out runs without waiting for a turn.
        urgent(true);
        try {
            searchers.close();
            writer.close();
            directory.close();
            if (temporary) {
                try (var files = Files.walk(directoryPath)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
