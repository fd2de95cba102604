package com.bohe.content.article.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.background.Budget;
import com.bohe.content.article.ArticleSummary;
import com.bohe.content.article.RelatedArticle;
import com.bohe.content.article.RelatedArticles;
import com.bohe.content.related.RelatedLists;
import com.bohe.content.related.StoredList;
import com.bohe.content.search.RelatedHit;

/**
 * The 相关推荐 list of a public article, as an answer: the stored list (computed now, once, when there is none
 * yet), without the articles that are not public any more, kept as ready JSON ({@link RelatedCache}) with live counts,
 * and at the default limit kept rendered in the database for every instance's first read ({@link RenderedRelated}).
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
    @Inject
    RenderedRelated rendered;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RelatedReads.class);

    /** The list with stored view counts: what the ready JSON of the route is built from. */
    private RelatedArticles storedRelated(long id, int limit) {
        StoredList list = cache.stored(id).orElse(null);
        if (list == null || !(counts.cached(id) instanceof Lookup.Hit)) {
            StoredList.Found found = related.find(id).orElseThrow(() -> notFound(id));
            counts.known(id, found.viewCount());
            list = found.list();
            if (!list.hits().isEmpty()) {
                cache.keepStored(list);
            }
        }
        return answer(list, shown(list.hits().stream().map(RelatedHit::id).toList(), limit));
    }

    private static ResourceNotFoundException notFound(long id) {
        return new ResourceNotFoundException("article", "id " + id);
    }

    /** The items shown of a list, with their scores and reasons. */
    private static RelatedArticles answer(StoredList list, List<ArticleSummary> shown) {
        Map<Long, RelatedHit> hits = new HashMap<>();
        list.hits().forEach(h -> hits.put(h.id(), h));
        return new RelatedArticles(shown.stream()
                .map(item -> RelatedArticle.of(item, hits.get(item.id()).score(), hits.get(item.id()).reasons()))
                .toList());
    }

    /**
     * A read at the default limit that missed in memory: one statement when the list was rendered since it or
     * anything it shows changed, by this instance or another ({@link RenderedRelated}). Else the list is rendered
     * from items read now, with their versions, and kept for the next first read: two statements more.
     */
    private RelatedCache.Ready firstRead(long id) {
        int limit = RenderedRelated.LIMIT;
        RenderedRelated.Found found = rendered.find(id);
        if (found == null) {
            throw notFound(id);
        }
        counts.known(id, found.viewCount());
        if (found.render() != null) {
            RenderedRelated.Render render = found.render();
            for (int i = 0; i < render.ids().length; i++) {
                counts.known(render.ids()[i], render.counts()[i]);
            }
            return cache.keepAnswer(id, limit, new RelatedCache.Ready(render.ids(), render.counts(), render.json(),
                    HttpCaching.httpDate(render.renderedAt())));
        }
        if (found.list() == null) {
            // None stored yet: computed now, stored in the background, rendered at a later first read.
            StoredList computed = related.computeNow(id);
            if (!computed.hits().isEmpty()) {
                cache.keepStored(computed);
            }
            return cache.keepAnswer(id, limit, answer(computed, shown(computed.hits().stream().map(RelatedHit::id).toList(), limit)),
                    json);
        }
        StoredList list = found.list();
        if (!list.hits().isEmpty()) {
            cache.keepStored(list);
        }
        return cache.keepAnswer(id, limit, renderAndKeep(id, list, found.generation()).ready());
    }

    /** A render, and whether it was kept. */
    private record Kept(RelatedCache.Ready ready, boolean kept) {
    }

    /**
     * Renders a stored list at the default limit from items read now, with their versions, and keeps the render;
     * never fails for the keeping.
     *
     * @param generation the render generation, read before the items (a render never claims to be newer than it is)
     */
    private Kept renderAndKeep(long id, StoredList list, long generation) {
        Walk<ItemCache.Fresh> walk = walk(list.hits().stream().map(RelatedHit::id).toList(), RenderedRelated.LIMIT,
                items::fresh, fresh -> fresh.item().id());
        RenderedRelated.Rendering rendering = new RenderedRelated.Rendering(walk.shown(), walk.passed(), generation);
        RelatedCache.Ready ready = RelatedCache.ready(answer(list, walk.shown().stream().map(ItemCache.Fresh::item).toList()), json);
        try {
            return new Kept(ready, rendered.save(id, list.computedAt(), rendering, ready.ready(),
                    ready.ready().surrogateKeys(json, () -> path(id)).surrogateKey()));
        } catch (RuntimeException e) {
            LOG.debugf("Could not keep the render of the related list of article %d: %s", id, e.getMessage());
            return new Kept(ready, false);
        }
    }

    /**
     * Renders the default-limit answers of these articles' stored lists ahead of their first reads, unless current;
     * between two lists, background work yields to readers. Returns how many were kept.
     */
    int renderAhead(List<Long> ids) {
        int done = 0;
        for (long id : ids) {
            RenderedRelated.Found found = rendered.find(id);
            if (found != null && found.render() == null && found.list() != null
                    && renderAndKeep(id, found.list(), found.generation()).kept()) {
                done++;
            }
            Budget.yieldToReaders();
        }
        return done;
    }

    /** Up to n articles whose stored list has no current render, newest first. */
    List<Long> unrendered(int n) {
        return rendered.missing(n);
    }

    /** The path of a related list: what its surrogate keys name. */
    static String path(long id) {
        return "/articles/" + id + "/related";
    }

    /** The items a list shows, and the ids passed over before the last of them (all of them when the list runs short). */
    private record Walk<T>(List<T> shown, List<Long> passed) {
    }

    /**
     * The first {@code limit} public items of a stored list, best first, as the loader finds them (it drops the ids
     * that are not public). Items are loaded a few more than needed at a time, not all 50: a first read of a list
     * loaded 50 articles to show 10.
     */
    private static <T> Walk<T> walk(List<Long> ids, int limit, Function<List<Long>, List<T>> load, ToLongFunction<T> idOf) {
        List<T> shown = new ArrayList<>();
        List<Long> passed = new ArrayList<>();
        int from = 0;
        while (shown.size() < limit && from < ids.size()) {
            int to = Math.min(ids.size(), from + limit - shown.size() + RELATED_SPARE);
            List<Long> chunk = ids.subList(from, to);
            Map<Long, T> found = new HashMap<>();
            load.apply(chunk).forEach(item -> found.put(idOf.applyAsLong(item), item));
            for (Long candidate : chunk) {
                if (shown.size() == limit) {
                    break;
                }
                T item = found.get(candidate);
                if (item == null) {
                    passed.add(candidate);
                } else {
                    shown.add(item);
                }
            }
            from = to;
        }
        return new Walk<>(shown, passed);
    }

    /** The first {@code limit} public items of a stored list, from the item cache. */
    private List<ArticleSummary> shown(List<Long> ids, int limit) {
        return walk(ids, limit, items::get, ArticleSummary::id).shown();
    }

    /** The HTTP answer of a related list kept as ready JSON, without blocking; a miss when it is not kept. */
    public Lookup<Answer> cachedRelatedAnswer(long id, int limit, String ifNoneMatch) {
        if (!(counts.cached(id) instanceof Lookup.Hit)) {
            return Lookup.miss();
        }
        return cache.answer(id, limit) instanceof Lookup.Hit<RelatedCache.Ready> hit
                ? Lookup.hit(responder.related(id, hit.value(), ifNoneMatch)) : Lookup.miss();
    }

    /**
     * The HTTP answer of a related list, built on a miss: blocking. At the default limit, unless the stored list
     * and the article's count are in memory (then no statement at all), from its render kept in the database.
     */
    public Answer relatedAnswer(long id, int limit, String ifNoneMatch) {
        if (limit == RenderedRelated.LIMIT && !(cache.stored(id) instanceof Lookup.Hit && counts.cached(id) instanceof Lookup.Hit)) {
            return responder.related(id, firstRead(id), ifNoneMatch);
        }
        return responder.related(id, cache.keepAnswer(id, limit, storedRelated(id, limit), json), ifNoneMatch);
    }
}
