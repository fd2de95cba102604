package com.bohe.content.article.read;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.article.RelatedArticle;
import com.bohe.content.article.RelatedArticles;
import com.bohe.content.related.StoredList;

/**
 * Related lists, in two layers: the stored list of an article as read from the database (its ids and scores, kept
 * {@code content.cache.related-for}, gone when the article changes or its list is stored again), and the answers
 * built from it, by article and limit, as ready JSON with counts cut out (they show other articles' titles, so any
 * change drops them). A hit reads the answers only; a miss reads the stored list, then keeps an answer.
 */
@ApplicationScoped
class RelatedCache {

    /** A related list as ready JSON (items' counts cut out): its items' ids, and the stored counts it was built with. */
    record Ready(long[] ids, long[] builtWith, ReadyJson ready, String lastModified) {
    }

    @Inject
    ReadConfig config;

    private Cache<Long, StoredList> stored;
    private Cache<String, Ready> answers;

    @PostConstruct
    void create() {
        long bytes = config.listBytes();
        stored = Caffeine.newBuilder()
                .recordStats()
                .maximumWeight(bytes / 2)
                .weigher((Long id, StoredList list) -> 100 + 120 * list.hits().size())
                .expireAfterWrite(config.relatedFor())
                .build();
        answers = Caffeine.newBuilder()
                .recordStats()
                .maximumWeight(bytes / 4)
                .weigher((String key, Ready r) -> 200 + r.ready().size())
                .expireAfterWrite(config.relatedFor())
                .build();
    }

    void caches(BiConsumer<String, Cache<?, ?>> into) {
        into.accept("related_lists", stored);
        into.accept("related_answers", answers);
    }

    Lookup<Ready> answer(long id, int limit) {
        Ready ready = answers.getIfPresent(id + ":" + limit);
        return ready == null ? Lookup.miss() : Lookup.hit(ready);
    }

    /** A related list as ready JSON, LZ4-compressed as details are (in memory and in the database), last modified now. */
    static Ready ready(RelatedArticles list, ObjectMapper json) {
        List<RelatedArticle> items = list.items();
        RelatedArticles marked = new RelatedArticles(IntStream.range(0, items.size())
                .mapToObj(i -> items.get(i).withViewCount(ReadyJson.mark(i))).toList());
        return new Ready(items.stream().mapToLong(RelatedArticle::id).toArray(),
                items.stream().mapToLong(RelatedArticle::viewCount).toArray(),
                ReadyJson.write(json, marked, items.size(), true), HttpCaching.httpDate(Instant.now()));
    }

    /** Keeps the answer of a related list, as ready JSON. */
    Ready keepAnswer(long id, int limit, RelatedArticles list, ObjectMapper json) {
        return keepAnswer(id, limit, ready(list, json));
    }

    /** Keeps the answer of a related list as it is (a render read back from the database, or kept there). */
    Ready keepAnswer(long id, int limit, Ready ready) {
        answers.put(id + ":" + limit, ready);
        return ready;
    }

    Lookup<StoredList> stored(long id) {
        StoredList list = stored.getIfPresent(id);
        return list == null ? Lookup.miss() : Lookup.hit(list);
    }

    void keepStored(StoredList list) {
        stored.put(list.articleId(), list);
    }

    /** Any content change: answers show other articles. */
    void evictAnswers() {
        answers.invalidateAll();
    }

    /** Articles changed, or their lists stored again. */
    void evict(Collection<Long> ids) {
        stored.invalidateAll(ids);
        answers.invalidateAll();
    }

    void evictAll() {
        stored.invalidateAll();
        answers.invalidateAll();
    }
}
