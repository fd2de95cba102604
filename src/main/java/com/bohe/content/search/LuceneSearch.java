package com.bohe.content.search;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/** Searches answered by this instance's own index ({@link ArticleIndex}): the default backend. */
@ApplicationScoped
@Typed(LuceneSearch.class)
public class LuceneSearch implements SearchBackend {

    @Inject
    SearchIndexes indexes;

    @Override
    public SearchHits search(String text, float[] queryVector, ArticleFilters filters, int offset, int limit, Instant now) {
        return indexes.articles().search(text, queryVector, filters, offset, limit, now);
    }

    @Override
    public Map<Long, String> highlights(String text, Collection<Long> ids) {
        return indexes.articles().highlights(text, ids);
    }

    @Override
    public Related related(long id, int limit, Instant now) {
        ArticleIndex index = indexes.articles();
        if (!index.contains(id)) {
            return null;
        }
        return new Related(index.related(id, limit, now, RelatedScorer.Weights.DEFAULT), index.hasVector(id));
    }

    @Override
    public boolean ready() {
        return indexes.ready();
    }
}
