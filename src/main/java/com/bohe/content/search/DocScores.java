package com.bohe.content.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.VectorUtil;

/**
 * Reads what ranking needs of a few candidate documents, leaf by leaf in document order, without visiting the
 * rest of the index: a query's score for each (absent where it does not match), its article id, and its vector.
 */
final class DocScores {

    private DocScores() {
    }

    /** What is opened once per leaf: a scorer, doc values, vectors; null when the leaf has none. */
    private interface Opener<S> {
        S open(LeafReaderContext leaf) throws IOException;
    }

    /** Reads one candidate, given what was opened for its leaf and its id within the leaf. */
    private interface Reader<S, V> {
        V read(S state, int leafDoc) throws IOException;
    }

    /** The value read for each candidate; candidates for which it is null are left out. */
    private static <S, V> Map<Integer, V> read(IndexSearcher searcher, int[] docs, Opener<S> opener, Reader<S, V> reader)
            throws IOException {
        Map<Integer, V> values = new HashMap<>();
        int[] sorted = docs.clone();
        Arrays.sort(sorted);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        S state = null;
        for (int doc : sorted) {
            int index = ReaderUtil.subIndex(doc, leaves);
            if (index != leafIndex) {
                leafIndex = index;
                leaf = leaves.get(index);
                state = opener.open(leaf);
            }
            if (state != null) {
                V value = reader.read(state, doc - leaf.docBase);
                if (value != null) {
                    values.put(doc, value);
                }
            }
        }
        return values;
    }

    /** Moves an iterator forward to a document; true when it is there. */
    private static boolean at(DocIdSetIterator iterator, int target) throws IOException {
        return (iterator.docID() < target ? iterator.advance(target) : iterator.docID()) == target;
    }

    /** The query's score for each candidate that it matches. */
    static Map<Integer, Float> score(IndexSearcher searcher, Query query, int[] docs) throws IOException {
        if (docs.length == 0) {
            return new HashMap<>();
        }
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE, 1f);
        return read(searcher, docs, weight::scorer, (Scorer scorer, int doc) -> at(scorer.iterator(), doc) ? scorer.score() : null);
    }

    /** Each candidate's value of a numeric doc value (the article id, say). */
    static Map<Integer, Long> longs(IndexSearcher searcher, String field, int[] docs) throws IOException {
        return read(searcher, docs, leaf -> DocValues.getNumeric(leaf.reader(), field),
                (NumericDocValues numbers, int doc) -> numbers.advanceExact(doc) ? numbers.longValue() : null);
    }

    /** The dot product of each candidate's vector with the target; absent where a candidate has no vector. */
    static Map<Integer, Float> dot(IndexSearcher searcher, String field, float[] target, int[] docs) throws IOException {
        return read(searcher, docs, leaf -> leaf.reader().getFloatVectorValues(field),
                (FloatVectorValues vectors, int doc) -> at(vectors, doc) ? VectorUtil.dotProduct(target, vectors.vectorValue()) : null);
    }

    /** One document's vector, or null. */
    static float[] vector(IndexSearcher searcher, String field, int doc) throws IOException {
        return read(searcher, new int[] { doc }, leaf -> leaf.reader().getFloatVectorValues(field),
                (FloatVectorValues vectors, int leafDoc) -> at(vectors, leafDoc) ? vectors.vectorValue().clone() : null).get(doc);
    }
}
