package com.bohe.content.search;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where a search of articles is answered: this instance's Lucene index ({@link LuceneSearch}) or an OpenSearch
 * index shared by every instance ({@code com.bohe.content.opensearch}), as {@link SearchConfig#backend()} says. The
 * API's answers have the same shape either way; ranking differs as docs/scaling.md says.
 */
public interface SearchBackend {

    /**
     * A page of the published articles, due by {@code now}, that match what a person typed, best first, within the
     * filters; with the query's embedding (null while the model loads) ranked by meaning too.
     */
    SearchHits search(String text, float[] queryVector, ArticleFilters filters, int offset, int limit, Instant now);

    /** A snippet per article with the query's terms in {@code <em>}, HTML-escaped; absent where nothing matched. */
    Map<Long, String> highlights(String text, Collection<Long> ids);

    /**
     * The related articles of an indexed article (public, or scheduled), best first, ranked by {@link RelatedScorer};
     * null when the article is not in the index.
     */
    Related related(long id, int limit, Instant now);

    /** A related list, and whether it was found with the article's embedding. */
    record Related(List<RelatedHit> hits, boolean withVector) {
    }

    /** Whether searches are complete: the index holds every published article (else the API falls back, and says so). */
    boolean ready();
}
