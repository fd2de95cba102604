package com.bohe.content.article.read;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.bohe.content.api.problem.ResourceNotFoundException;

/**
 * Public articles by id or slug, as answers: the ready JSON of the detail cache ({@link DetailCache}), live view
 * counts and validators by {@link Responder}. Non-blocking lookups return a miss when the article must be loaded
 * (one statement, on a worker thread); an article that is not public is absent, and its 404 names what was asked.
 */
@ApplicationScoped
public class ArticleDetails {

    @Inject
    DetailCache details;
    @Inject
    Responder responder;
    @Inject
    PublicArticleCounts counts;

    /** The answer for a public article whose JSON is cached, without blocking; a miss when it is not cached. */
    public Lookup<Answer> cachedDetail(long id, String ifNoneMatch, String ifModifiedSince) {
        return answer(details.cached(id), ifNoneMatch, ifModifiedSince);
    }

    /**
     * The answer for a public article after {@link #cachedDetail} missed, loaded (one statement; the miss counted
     * once): blocking.
     *
     * @throws ResourceNotFoundException when it is not public
     */
    public Answer detailAfterMiss(long id, String ifNoneMatch, String ifModifiedSince) {
        return detailAfterMiss(id, "id " + id, ifNoneMatch, ifModifiedSince);
    }

    /** As {@link #detailAfterMiss(long, String, String)}, with the 404's text naming what was asked (a slug, say). */
    public Answer detailAfterMiss(long id, String asked, String ifNoneMatch, String ifModifiedSince) {
        return found(answer(details.getAfterMiss(id), ifNoneMatch, ifModifiedSince), asked);
    }

    /** The id cached for a slug, without blocking. */
    public Lookup<Long> cachedSlug(String slug) {
        return details.cachedId(slug);
    }

    /** The answer for a public article by slug, loaded on a miss: blocking. */
    public Answer detailBySlug(String slug, String ifNoneMatch, String ifModifiedSince) {
        return found(answer(details.getBySlug(slug), ifNoneMatch, ifModifiedSince), "slug " + slug);
    }

    /**
     * The documents of these articles that are public at {@code at}, as a GET of each answers them (with live view
     * counts), by id; the others are left out. Loaded in a few statements, and not kept: blocking.
     */
    public Map<Long, byte[]> documents(Collection<Long> ids, Instant at) {
        Map<Long, byte[]> documents = new HashMap<>();
        details.getAll(ids).forEach((id, entry) -> {
            if (entry.publicAt(at)) {
                documents.put(id, entry.withViewCount(counts.live(id, entry.storedViews())));
            }
        });
        return documents;
    }

    /** The view count a reader sees of an article whose stored count was this: with views not flushed yet. */
    public long viewCount(long id, long stored) {
        return counts.live(id, stored);
    }

    private Lookup<Answer> answer(Lookup<DetailCache.Entry> entry, String ifNoneMatch, String ifModifiedSince) {
        if (entry instanceof Lookup.Hit<DetailCache.Entry> hit) {
            return hit.value().publicAt(Instant.now())
                    ? Lookup.hit(responder.detail(hit.value(), ifNoneMatch, ifModifiedSince))
                    : Lookup.absent();
        }
        return entry.isMiss() ? Lookup.miss() : Lookup.absent();
    }

    private static Answer found(Lookup<Answer> answer, String key) {
        if (answer instanceof Lookup.Hit<Answer> hit) {
            return hit.value();
        }
        throw new ResourceNotFoundException("article", key);
    }
}
