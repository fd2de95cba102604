package com.bohe.content.article.read;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.paging.Pages;
import com.bohe.content.api.paging.Ref;
import com.bohe.content.api.paging.Sorting;
import com.bohe.content.api.problem.ServiceUnavailableException;
import com.bohe.content.article.Article;
import com.bohe.content.article.ArticleCursorPage;
import com.bohe.content.article.ArticleQuery;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.article.ArticleSummary;
import com.bohe.content.article.PopularArticle;
import com.bohe.content.database.Filter;
import com.bohe.content.department.Department;
import com.bohe.content.embedding.Embeddings;
import com.bohe.content.search.ArticleFilters;
import com.bohe.content.search.SearchHits;
import com.bohe.content.search.SearchBackend;
import com.bohe.content.search.SearchSlots;
import com.bohe.content.search.SearchesBusyException;
import com.bohe.content.views.ArticleViewDay;
import com.bohe.content.views.ViewsConfig;

/**
 * Pages of articles as computed, before any list cache: which ids a page shows (the database, or the search index
 * for q), as items with their stored view counts. Drafts and scheduled articles only for {@code status} other than
 * published, which the caller has checked.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
class ArticleQueries {

    static final Map<String, String> SORTS = Map.of("id", "id", "publishedAt", "publishedAt",
            "updatedAt", "updatedAt", "viewCount", "viewCount", "title", "title");
    static final int MAX_SORTED_MATCHES = 10_000;
    static final String ABOUT_DISEASE = "id in (select a2.id from Article a2 join a2.diseases d where d.%1$s = %2$s)";

    @Inject
    ItemCache items;
    @Inject
    ViewsConfig viewsConfig;
    @Inject
    SearchBackend search;
    @Inject
    SearchSlots slots;
    @Inject
    Embeddings embeddings;

    /** A projection: the ids of a page. */
    public record IdOnly(Long id) {
    }

    /** A projection: the ids of a cursor page, with what the next cursor needs. */
    public record IdAndTime(Long id, Instant publishedAt) {
    }

    /**
     * The key under which a page is kept for a few seconds, or null for a page not kept: first pages of public
     * lists (the reads every app start makes), and public searches (the popular terms of the day repeat).
     */
    ListKey pageKey(ArticleQuery query, PageParams params) {
        if (!query.isPublic()) {
            return null;
        }
        ArticleQuery.Canonical canonical = query.canonical();
        if (canonical.q() != null) {
            return search.ready() ? ListKey.page(canonical, params) : null;
        }
        return params.page == 0 ? ListKey.page(canonical, params) : null;
    }

    /**
     * The key under which a cursor page is kept for a few seconds: the answer to a cursor is the same for every
     * reader, and readers of a feed scroll through the same pages.
     */
    ListKey feedKey(ArticleQuery query, String cursor, int limit) {
        return ListKey.feed(query.canonical(), cursor == null ? "" : cursor, limit);
    }

    /** A page as computed, with stored view counts: the search index for q (once built), else the database. */
    Page<ArticleSummary> page(ArticleQuery query, PageParams params) {
        if (query.q() != null && !query.q().isBlank() && search.ready() && query.isPublic()) {
            return search(query, params);
        }
        return fromDatabase(query, params);
    }

    private Page<ArticleSummary> fromDatabase(ArticleQuery query, PageParams params) {
        // Without q, while the index builds, or for drafts (which the index does not hold): the database, with q
        // as a plain substring of the title.
        Filter filter = visibility(new Filter(), query.status())
                .ref(ABOUT_DISEASE, "disease", Ref.parse("disease", query.disease()))
                .ref(Department.inSubtree("department"), "department", Ref.parse("department", query.department()))
                .ref("reviewer.%1$s = %2$s", "reviewer", Ref.parse("reviewer", query.reviewer()))
                .when("array_contains(tags, :tag)", "tag", query.tag())
                .contains("title", "q", query.q());
        PanacheQuery<Article> rows = Article.find(filter.where(), Sorting.parse(params.sort, "-publishedAt", SORTS),
                filter.parameters());
        if (!query.isPublic()) {
            return Pages.of(rows, params, a -> ArticleSummary.from(a));
        }
        return hydrated(Pages.of(rows.project(IdOnly.class), params, IdOnly::id), params);
    }

    /** A page of ids as a page of list items, in one query at most (the items not cached). */
    private Page<ArticleSummary> hydrated(Page<Long> ids, PageParams params) {
        return Page.of(items.get(ids.items()), params, ids.total());
    }

    /**
     * A cursor page of published articles as computed, newest first (ties: the higher id first), with the same
     * filters as {@link #page} except q: one keyset query for the ids, the items from the cache. New articles
     * published meanwhile sort before the cursor: no duplicates, no gaps.
     */
    ArticleCursorPage feed(ArticleQuery query, String cursor, int limit) {
        ArticleCursor after = ArticleCursor.decode(cursor);
        Filter filter = visibility(new Filter(), null)
                .ref(ABOUT_DISEASE, "disease", Ref.parse("disease", query.disease()))
                .ref(Department.inSubtree("department"), "department", Ref.parse("department", query.department()))
                .ref("reviewer.%1$s = %2$s", "reviewer", Ref.parse("reviewer", query.reviewer()))
                .when("array_contains(tags, :tag)", "tag", query.tag());
        String where = filter.where();
        Parameters parameters = filter.parameters();
        if (after != null) {
            where += " and (publishedAt, id) < (:afterPublished, :afterId)";
            parameters = parameters.and("afterPublished", after.publishedAt()).and("afterId", after.id());
        }
        List<IdAndTime> rows = Article.find(where, Sort.descending("publishedAt", "id"), parameters)
                .project(IdAndTime.class).range(0, limit).list();
        boolean more = rows.size() > limit;
        List<IdAndTime> page = more ? rows.subList(0, limit) : rows;
        IdAndTime last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new ArticleCursorPage(items.get(page.stream().map(IdAndTime::id).toList()),
                more ? new ArticleCursor(last.publishedAt(), last.id()).encode() : null);
    }

    /**
     * Full-text search through the index, with the other filters applied there too. Without a sort, by relevance;
     * with one, the matches (at most {@link #MAX_SORTED_MATCHES}) are sorted by the database.
     */
    private Page<ArticleSummary> search(ArticleQuery query, PageParams params) {
        ArticleFilters filters = new ArticleFilters(indexRef("disease", query.disease()), indexRef("department", query.department()),
                indexRef("reviewer", query.reviewer()), query.tag() == null || query.tag().isBlank() ? null : query.tag().strip());
        Instant now = Instant.now();
        boolean byRelevance = params.sort == null || params.sort.isBlank();
        int offset = byRelevance ? (int) Math.min(params.offset(), Integer.MAX_VALUE) : 0;
        int limit = byRelevance ? params.size : MAX_SORTED_MATCHES;
        // The CPU-bound part, in one of a few slots. The vector is null while the model loads: the search is lexical.
        SearchHits found;
        try {
            found = slots.run(() -> search.search(query.q(), embeddings.query(query.q()), filters, offset, limit, now));
        } catch (SearchesBusyException e) {
            throw new ServiceUnavailableException(e.getMessage(), 1);
        }
        List<ArticleSummary> shown;
        long total;
        Page.TotalRelation relation = Page.TotalRelation.eq;
        if (byRelevance) {
            total = found.total();
            relation = found.exact() ? Page.TotalRelation.eq : Page.TotalRelation.gte;
            shown = items.get(found.ids());
        } else {
            List<Long> matches = found.ids();
            Page<ArticleSummary> sorted = matches.isEmpty() ? Page.of(List.of(), params, 0)
                    : hydrated(Pages.of(Article.find("id in :ids and " + Article.PUBLIC, Sorting.parse(params.sort, "-publishedAt", SORTS),
                            publicParameters().and("ids", matches)).project(IdOnly.class), params, IdOnly::id), params);
            total = sorted.total();
            shown = sorted.items();
        }
        Map<Long, String> highlights = search.highlights(query.q(), shown.stream().map(ArticleSummary::id).toList());
        return Page.of(shown.stream().map(s -> s.withHighlight(highlights.get(s.id()))).toList(), params, total, relation);
    }

    /**
     * A page of the most viewed public articles of the last {@code days} days, today included, by the views
     * flushed to the database; ties go to the lower id. Two aggregates.
     */
    Page<PopularArticle> popular(int days, PageParams params) {
        LocalDate since = LocalDate.now(ZoneId.of(viewsConfig.zone())).minusDays(days - 1L);
        String window = "from ArticleViewDay v where v.day >= :since and v.articleId in "
                + "(select p.id from Article p where " + Article.publicCondition("p.") + ")";
        long total = ArticleViewDay.getEntityManager().createQuery("select count(distinct v.articleId) " + window, Long.class)
                .setParameter("since", since)
                .setParameter("published", ArticleStatus.published)
                .getSingleResult();
        if (params.offset() >= total) {
            return Page.of(List.of(), params, total);
        }
        List<Object[]> ranking = ArticleViewDay.getEntityManager()
                .createQuery("select v.articleId, sum(v.views) " + window
                        + " group by v.articleId order by sum(v.views) desc, v.articleId", Object[].class)
                .setParameter("since", since)
                .setParameter("published", ArticleStatus.published)
                .setFirstResult((int) params.offset())
                .setMaxResults(params.size)
                .getResultList();
        Map<Long, ArticleSummary> articles = items.get(ranking.stream().map(r -> (Long) r[0]).toList()).stream()
                .collect(Collectors.toMap(ArticleSummary::id, a -> a));
        List<PopularArticle> shown = ranking.stream()
                .filter(r -> articles.containsKey((Long) r[0]))
                .map(r -> new PopularArticle((Long) r[1], articles.get((Long) r[0])))
                .toList();
        return Page.of(shown, params, total);
    }

    private static Filter visibility(Filter filter, String status) {
        return switch (status == null ? ArticleQuery.PUBLISHED : status) {
            case "draft" -> filter.always("status = :draft", "draft", ArticleStatus.draft);
            case "scheduled" -> filter.always("status = :published and publishedAt > current_timestamp", "published",
                    ArticleStatus.published);
            case "all" -> filter.always("status in :statuses", "statuses", List.of(ArticleStatus.values()));
            default -> filter.always(Article.PUBLIC, "published", ArticleStatus.published);
        };
    }

    private static String indexRef(String parameter, String value) {
        Ref ref = Ref.parse(parameter, value);
        return ref == null ? null : ref.key() + ":" + ref.value();
    }

    private static Parameters publicParameters() {
        return Parameters.with("published", ArticleStatus.published);
    }
}
