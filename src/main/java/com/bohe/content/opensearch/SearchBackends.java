package com.bohe.content.opensearch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.bohe.content.search.LuceneSearch;
import com.bohe.content.search.SearchBackend;
import com.bohe.content.search.SearchConfig;

/** The one {@link SearchBackend} the API searches through, as {@code CONTENT_SEARCH_BACKEND} says. */
@ApplicationScoped
public class SearchBackends {

    @Produces
    @ApplicationScoped
    SearchBackend backend(SearchConfig config, LuceneSearch lucene, OpenSearchSearch opensearch) {
        return config.backend() == SearchConfig.Backend.opensearch ? opensearch : lucene;
    }
}
