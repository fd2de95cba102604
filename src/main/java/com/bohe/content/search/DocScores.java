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
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.VectorUtil;

/**
 * Reads what ranking needs of a few candidate documents, leaf by leaf in document order, without visiting the
 * rest of the index: a query's score for each (0 where it does not match), its article id, and its vector.
 */
final class DocScores {

    private DocScores() {
    }

    /** The query's score for each candidate; 0 where the query does not match it. */
    static Map<Integer, Float> score(IndexSearcher searcher, Query query, int[] docs) throws IOException {
        Map<Integer, Float> scores = new HashMap<>();
        if (docs.length == 0) {
            return scores;
        }
        int[] sorted = docs.clone();
        Arrays.sort(sorted);
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE, 1f);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        Scorer scorer = null;
        LeafReaderContext leaf = null;
        for (int doc : sorted) {
            int index = ReaderUtil.subIndex(doc, leaves);
            if (index != leafIndex) {
                leafIndex = index;
                leaf = leaves.get(index);
                scorer = weight.scorer(leaf);
            }
            if (scorer == null) {
                continue;
            }
            int target = doc - leaf.docBase;
            int at = scorer.docID() < target ? scorer.iterator().advance(target) : scorer.docID();
            if (at == target) {
                scores.put(doc, scorer.score());
            }
        }
        return scores;
    }

    /** Each candidate's value of a numeric doc value (the article id, say). */
    static Map<Integer, Long> longs(IndexSearcher searcher, String field, int[] docs) throws IOException {
        Map<Integer, Long> values = new HashMap<>();
        int[] sorted = docs.clone();
        Arrays.sort(sorted);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        NumericDocValues numbers = null;
        LeafReaderContext leaf = null;
        for (int doc : sorted) {
            int index = ReaderUtil.subIndex(doc, leaves);
            if (index != leafIndex) {
                leafIndex = index;
                leaf = leaves.get(index);
                numbers = DocValues.getNumeric(leaf.reader(), field);
            }
            if (numbers.advanceExact(doc - leaf.docBase)) {
                values.put(doc, numbers.longValue());
            }
        }
        return values;
    }

    /** The dot product of each candidate's vector with the target; absent where a candidate has no vector. */
    static Map<Integer, Float> dot(IndexSearcher searcher, String field, float[] target, int[] docs) throws IOException {
        Map<Integer, Float> values = new HashMap<>();
        int[] sorted = docs.clone();
        Arrays.sort(sorted);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        FloatVectorValues vectors = null;
        LeafReaderContext leaf = null;
        for (int doc : sorted) {
            int index = ReaderUtil.subIndex(doc, leaves);
            if (index != leafIndex) {
                leafIndex = index;
                leaf = leaves.get(index);
                vectors = leaf.reader().getFloatVectorValues(field);
            }
            if (vectors == null) {
                continue;
            }
            int at = vectors.docID() < doc - leaf.docBase ? vectors.advance(doc - leaf.docBase) : vectors.docID();
            if (at == doc - leaf.docBase) {
                values.put(doc, VectorUtil.dotProduct(target, vectors.vectorValue()));
            }
        }
        return values;
    }

    /** One document's vector, or null. */
    static float[] vector(IndexSearcher searcher, String field, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues vectors = leaf.reader().getFloatVectorValues(field);
        if (vectors == null || vectors.advance(doc - leaf.docBase) != doc - leaf.docBase) {
            return null;
        }
        return vectors.vectorValue().clone();
    }
}
