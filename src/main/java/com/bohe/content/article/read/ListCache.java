package com.bohe.content.article.read;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.paging.Page;
import com.bohe.content.article.ArticleCursorPage;
import com.bohe.content.article.ArticleSummary;
import com.bohe.content.article.PopularArticle;

/**
 * Pages of lists, briefly: first pages of public lists and pages of searches (the reads every app start makes and
 * the popular terms of the day), cursor pages and popular pages, each with its ready JSON once an answer asked for
 * it. A page lives five seconds at most (so that orders by view count, and articles whose time has come, move in)
 * and goes with any content change. Items hold stored view counts; live ones are merged on every read. Bounded by
 * bytes (about 1 KB an item).
 */
@ApplicationScoped
class ListCache {

    /**
     * A page as computed, with stored view counts: the record on the wire ({@code Page} or {@code
     * ArticleCursorPage}), its items, and its ready JSON (items' counts cut out) once the HTTP route asked for it.
     */
    static final class CachedPage<T> {

        final T body;
        final List<ArticleSummary> items;
        private final BiFunction<T, List<ArticleSummary>, T> withItems;
        /** When it was computed, as an HTTP date: the Last-Modified of a list. */
        final String lastModified = HttpCaching.httpDate(Instant.now());
        private volatile ReadyJson ready;

        CachedPage(T body, List<ArticleSummary> items, BiFunction<T, List<ArticleSummary>, T> withItems) {
            this.body = body;
            this.items = items;
            this.withItems = withItems;
        }

        /** A page as computed, not kept. */
        static CachedPage<Page<ArticleSummary>> of(Page<ArticleSummary> page) {
            return new CachedPage<>(page, page.items(), (p, items) -> p.withItems(items));
        }

        /** The record with its items mapped, e.g. to live view counts. */
        T map(UnaryOperator<ArticleSummary> item) {
            return withItems.apply(body, items.stream().map(item).toList());
        }

        ReadyJson ready(ObjectMapper json) {
            ReadyJson r = ready;
            if (r == null) {
                T marked = withItems.apply(body, IntStream.range(0, items.size())
                        .mapToObj(i -> items.get(i).withViewCount(ReadyJson.mark(i))).toList());
                r = ReadyJson.write(json, marked, items.size(), false);
                ready = r;
            }
            return r;
        }
    }

    @Inject
    ReadConfig config;

    /** Keyed by typed values only: a {@link ListKey}, or a {@link PopularKey}. */
    private Cache<Record, CachedPage<?>> pages;
    /** Pages being loaded, by key: readers of one wait for its load. */
    private final ConcurrentHashMap<Record, CompletableFuture<CachedPage<?>>> loading = new ConcurrentHashMap<>();

    @PostConstruct
    void create() {
        long bytes = config.listBytes();
        pages = Caffeine.newBuilder()
                .recordStats()
                .maximumWeight(bytes / 2)
                .weigher((Record key, CachedPage<?> page) -> 1_000 * (1 + page.items.size()))
                .expireAfterWrite(Duration.ofSeconds(5))
                .build();
    }

    void caches(java.util.function.BiConsumer<String, Cache<?, ?>> into) {
        into.accept("list_pages", pages);
    }

    Lookup<CachedPage<?>> cachedPage(ListKey key) {
        CachedPage<?> page = pages.getIfPresent(key);
        return page == null ? Lookup.miss() : Lookup.hit(page);
    }

    /**
     * A cached page, or one loaded now and kept. The load runs outside the cache's map: a computation held inside
     * it (Caffeine's get with a loader) blocks other keys of the same hash bin, and every key while the map
     * resizes, for as long as a search takes. Readers of the same page while it loads wait for that load instead
     * of starting their own: when a popular search's page expired, 32 readers computed it 32 times.
     */
    @SuppressWarnings("unchecked")
    CachedPage<Page<ArticleSummary>> page(ListKey key, Supplier<Page<ArticleSummary>> load) {
        return (CachedPage<Page<ArticleSummary>>) keep(key, () -> CachedPage.of(load.get()));
    }

    /**
     * A page of the popular list, as {@link #page}: its two aggregates run once per page and five seconds however
     * many ask, and it goes with any change (an article unpublished leaves it at once).
     */
    @SuppressWarnings("unchecked")
    CachedPage<Page<PopularArticle>> popular(PopularKey key, Supplier<Page<PopularArticle>> load) {
        return (CachedPage<Page<PopularArticle>>) keep(key, () -> {
            Page<PopularArticle> page = load.get();
            return new CachedPage<>(page, page.items().stream().map(PopularArticle::article).toList(),
                    (p, items) -> p.withItems(IntStream.range(0, items.size())
                            .mapToObj(i -> new PopularArticle(p.items().get(i).recentViews(), items.get(i))).toList()));
        });
    }

    /** A cursor page, as {@link #page}: under keys of their own (the cursor is in them). */
    @SuppressWarnings("unchecked")
    CachedPage<ArticleCursorPage> feed(ListKey key, Supplier<ArticleCursorPage> load) {
        return (CachedPage<ArticleCursorPage>) keep(key, () -> {
            ArticleCursorPage page = load.get();
            return new CachedPage<>(page, page.items(), (p, items) -> new ArticleCursorPage(items, p.nextCursor()));
        });
    }

    private CachedPage<?> keep(Record key, Supplier<CachedPage<?>> load) {
        CachedPage<?> page = pages.getIfPresent(key);
        if (page != null) {
            return page;
        }
        CompletableFuture<CachedPage<?>> mine = new CompletableFuture<>();
        CompletableFuture<CachedPage<?>> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            page = load.get();
            pages.put(key, page);
            mine.complete(page);
            return page;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    /** Pages show other articles: any change may touch them. */
    void evictAll() {
        pages.invalidateAll();
    }
}
