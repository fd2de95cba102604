package com.bohe.content.search;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * The nearest neighbours of a vector in the HNSW graph, nearest first. A filter that lets nearly everything through
 * (only published articles, say) is applied after the graph search: given to Lucene, it would first collect every
 * accepted document of the index into a bit set, on every query. A narrow filter (a department) goes into the graph
 * search, which then finds k neighbours inside it.
 */
final class Neighbours {

    private Neighbours() {
    }

    /** Up to k documents, nearest first (callers score them exactly). */
    static Set<Integer> nearest(IndexSearcher searcher, float[] vector, int k, Query filter, boolean broad)
            throws IOException {
        Set<Integer> nearest = new LinkedHashSet<>();
        if (broad) {
            TopDocs all = searcher.search(new KnnFloatVectorQuery(ArticleDocument.VECTOR, vector, k), k);
            int[] docs = new int[all.scoreDocs.length];
            for (int i = 0; i < docs.length; i++) {
                docs[i] = all.scoreDocs[i].doc;
            }
            Map<Integer, Float> accepted = DocScores.score(searcher, filter, docs);
            for (ScoreDoc hit : all.scoreDocs) {
                if (accepted.containsKey(hit.doc)) {
                    nearest.add(hit.doc);
                }
            }
            if (nearest.size() * 2 >= all.scoreDocs.length) {
                return nearest;
            }
            nearest.clear();
        }
        for (ScoreDoc hit : searcher.search(new KnnFloatVectorQuery(ArticleDocument.VECTOR, vector, k, filter), k).scoreDocs) {
            nearest.add(hit.doc);
        }
        return nearest;
    }
}
