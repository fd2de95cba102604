package com.bohe.content.article.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.article.ArticleSummary;
import com.bohe.content.article.RelatedArticle;
import com.bohe.content.article.RelatedArticles;
import com.bohe.content.related.RelatedLists;
import com.bohe.content.related.StoredList;
import com.bohe.content.search.RelatedHit;

/**
 * The 相关推荐 list of a public article, as an answer: the stored list (computed now, once, when there is none
 * yet), without the articles that are not public any more, kept as ready JSON ({@link RelatedCache}) with live counts.
 */
@ApplicationScoped
public class RelatedReads {

    /** Items loaded beyond what a related list shows, for those that are not public any more. */
    private static final int RELATED_SPARE = 3;

    @Inject
    ItemCache items;
    @Inject
    RelatedCache cache;
    @Inject
    PublicArticleCounts counts;
    @Inject
    Responder responder;
    @Inject
    RelatedLists related;
    @Inject
    ObjectMapper json;

    /** The list with stored view counts: what the ready JSON of the route is built from. */
    private RelatedArticles storedRelated(long id, int limit) {
        StoredList list = cache.stored(id).orElse(null);
        if (list == null || !(counts.cached(id) instanceof Lookup.Hit)) {
            StoredList.Found found = related.find(id).orElseThrow(() -> new ResourceNotFoundException("article", "id " + id));
            counts.known(id, found.viewCount());
            list = found.list();
            if (!list.hits().isEmpty()) {
                cache.keepStored(list);
            }
        }
        Map<Long, RelatedHit> hits = new HashMap<>();
        list.hits().forEach(h -> hits.put(h.id(), h));
        return new RelatedArticles(shown(list.hits().stream().map(RelatedHit::id).toList(), limit).stream()
                .map(item -> RelatedArticle.of(item, hits.get(item.id()).score(), hits.get(item.id()).reasons()))
                .toList());
    }

    /**
     * The first {@code limit} public items of a stored list, best first. Items are loaded a few more than needed at
     * a time, not all 50: a first read of a list loaded 50 articles to show 10.
     */
    private List<ArticleSummary> shown(List<Long> ids, int limit) {
        List<ArticleSummary> shown = new ArrayList<>();
        int from = 0;
        while (shown.size() < limit && from < ids.size()) {
            int to = Math.min(ids.size(), from + limit - shown.size() + RELATED_SPARE);
            shown.addAll(items.get(ids.subList(from, to)));
            from = to;
        }
        return shown.size() > limit ? shown.subList(0, limit) : shown;
    }

    /** The HTTP answer of a related list kept as ready JSON, without blocking; a miss when it is not kept. */
    public Lookup<Answer> cachedRelatedAnswer(long id, int limit, String ifNoneMatch) {
        if (!(counts.cached(id) instanceof Lookup.Hit)) {
            return Lookup.miss();
        }
        return cache.answer(id, limit) instanceof Lookup.Hit<RelatedCache.Ready> hit
                ? Lookup.hit(responder.related(id, hit.value(), ifNoneMatch)) : Lookup.miss();
    }

    /** The HTTP answer of a related list, built on a miss: blocking. */
    public Answer relatedAnswer(long id, int limit, String ifNoneMatch) {
        return responder.related(id, cache.keepAnswer(id, limit, storedRelated(id, limit), json), ifNoneMatch);
    }
}
