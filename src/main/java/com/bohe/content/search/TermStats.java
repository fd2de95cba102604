package com.bohe.content.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The statistics of a query's terms in one searcher, looked up once per search. Each lookup walks the terms
 * dictionary of every segment; a search asks for the same term's document frequency, its matches and its coverage,
 * and unshared that was a quarter of a long question's cost (JFR of searches at 140,000 articles).
 */
final class TermStats {

    private final IndexSearcher searcher;
    private final Map<Term, TermStates> states = new HashMap<>();

    TermStats(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    /** In how many articles a term occurs, in the title or the body (the larger of the two). */
    int docFreq(String text) throws IOException {
        return Math.max(states(new Term(ArticleDocument.TITLE, text)).docFreq(), states(new Term(ArticleDocument.BODY, text)).docFreq());
    }

    /** A term query that reuses the looked-up statistics. */
    Query term(String field, String text) throws IOException {
        Term term = new Term(field, text);
        return new TermQuery(term, states(term));
    }

    private TermStates states(Term term) throws IOException {
        TermStates found = states.get(term);
        if (found == null) {
            found = TermStates.build(searcher, term, true);
            states.put(term, found);
        }
        return found;
    }
}
