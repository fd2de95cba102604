package com.bohe.content.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Names of diseases (with aliases), doctors and hospitals, searchable in Chinese (the same bigram analysis as
 * articles, plus single characters, since names are short) and in pinyin: full (miantan) or initials (mt), both by
 * prefix. Small enough to live on the heap.
 */
public class NameIndex implements AutoCloseable {

    /** One named thing: its kind ("disease", "doctor", "hospital"), id, and every name it answers to. */
    public record Named(String kind, long id, List<String> names) {
    }

    public static final int MAX_MATCHES = 10_000;

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(new CJKWidthFilter(source));
            return new TokenStreamComponents(source, new CJKBigramFilter(stream, CJKBigramFilter.HAN
                    | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, true));
        }
    };
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    public NameIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces named things; searchable when this returns. */
    public void put(Collection<Named> named) {
        try {
            for (Named n : named) {
                writer.updateDocument(new Term("key", n.kind() + ":" + n.id()), document(n));
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(String kind, long id) {
        try {
            writer.deleteDocuments(new Term("key", kind + ":" + id));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids of the given kind whose names match, best first, at most {@link #MAX_MATCHES}. */
    public List<Long> search(String kind, String text) {
        Query match = match(text.strip());
        if (match == null) {
            return List.of();
        }
        Query query = new BooleanQuery.Builder().add(match, Occur.MUST)
                .add(new TermQuery(new Term("kind", kind)), Occur.FILTER).build();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                List<Long> ids = new ArrayList<>();
                Sort sort = new Sort(SortField.FIELD_SCORE, new SortField("id_sort", SortField.Type.LONG));
                for (ScoreDoc hit : searcher.search(query, MAX_MATCHES, sort).scoreDocs) {
                    ids.add(searcher.storedFields().document(hit.doc).getField("id").numericValue().longValue());
                }
                return ids;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Query match(String text) {
        String latin = text.toLowerCase(Locale.ROOT).replaceAll("[\\s'-]", "");
        if (!latin.isEmpty() && latin.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            return new BooleanQuery.Builder()
                    .add(new BoostQuery(new PrefixQuery(new Term("pinyin", latin)), 2f), Occur.SHOULD)
                    .add(new PrefixQuery(new Term("initials", latin)), Occur.SHOULD)
                    .add(QueryText.allTerms(analyzer, text, Map.of("name", 1f)), Occur.SHOULD)
                    .build();
        }
        return QueryText.allTerms(analyzer, text, Map.of("name", 1f));
    }

    private static Document document(Named n) {
        Document doc = new Document();
        doc.add(new StringField("key", n.kind() + ":" + n.id(), Field.Store.NO));
        doc.add(new StringField("kind", n.kind(), Field.Store.NO));
        doc.add(new StoredField("id", n.id()));
        doc.add(new NumericDocValuesField("id_sort", n.id()));
        for (String name : n.names()) {
            doc.add(new TextField("name", name, Field.Store.NO));
            doc.add(new StringField("pinyin", Pinyin.full(name), Field.Store.NO));
            doc.add(new StringField("initials", Pinyin.initials(name), Field.Store.NO));
        }
        return doc;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
