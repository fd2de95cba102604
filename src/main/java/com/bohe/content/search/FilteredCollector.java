package com.bohe.content.search;

import java.io.IOException;
import java.util.Collection;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterCollector;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Passes on to a collector only the documents a filter matches, checked as they are collected (in increasing order
 * within a leaf, as every scorer collects). For filters that let nearly everything through, so that the query itself
 * can stay a plain disjunction ({@link ArticleSearch#window}).
 */
final class FilteredCollector extends FilterCollector {

    private final Weight filter;

    private FilteredCollector(Collector in, Weight filter) {
        super(in);
        this.filter = filter;
    }

    static <C extends Collector, T> CollectorManager<FilteredCollector, T> manager(IndexSearcher searcher, Query filter,
            CollectorManager<C, T> in) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        return new CollectorManager<>() {
            @Override
            public FilteredCollector newCollector() throws IOException {
                return new FilteredCollector(in.newCollector(), weight);
            }

            @Override
            @SuppressWarnings("unchecked")
            public T reduce(Collection<FilteredCollector> filtered) throws IOException {
                // Each wraps a collector of the manager given, which reduces its own.
                return in.reduce(filtered.stream().map(f -> (C) f.in).toList());
            }
        };
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        Scorer scorer = filter.scorer(context);
        LeafCollector leaf = super.getLeafCollector(context);
        if (scorer == null) {
            // Nothing in this leaf passes: collect none of it.
            return new FilterLeafCollector(leaf) {
                @Override
                public void collect(int doc) {
                }
            };
        }
        DocIdSetIterator passes = scorer.iterator();
        return new FilterLeafCollector(leaf) {
            @Override
            public void collect(int doc) throws IOException {
                int at = passes.docID();
                if (at < doc) {
                    at = passes.advance(doc);
                }
                if (at == doc) {
                    in.collect(doc);
                }
            }
        };
    }
}
