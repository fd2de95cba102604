package com.bohe.content.article.read;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.caching.HttpConfig;
import com.bohe.content.api.caching.SurrogateKeys;

/**
 * ETag, Last-Modified, 304 and Cache-Control of public article reads, in one place. A tag covers the content, not
 * view counts: a revalidated copy keeps the count it had.
 */
@ApplicationScoped
class Responder {

    @Inject
    com.bohe.content.api.http.Cors cors;
    @Inject
    HttpConfig http;
    @Inject
    PublicArticleCounts counts;
    @Inject
    ObjectMapper json;

    Answer detail(DetailCache.Entry entry, String ifNoneMatch, String ifModifiedSince) {
        Map<String, String> headers = headers(entry.etag(), entry.lastModifiedHeader(),
                entry.json().surrogateKeys(json, () -> "/articles/" + entry.id()));
        if (HttpCaching.notModified(ifNoneMatch, ifModifiedSince, entry.etag(), entry.lastModified())) {
            return new Answer(304, headers, null);
        }
        return new Answer(200, headers, entry.withViewCount(counts.live(entry.id(), entry.storedViews())));
    }

    /**
     * @param path the list's path, e.g. /articles or /diseases/5/articles: what its surrogate keys name
     * @param link the Link header of an offset page; null for a cursor page
     */
    Answer page(ListCache.CachedPage<?> page, ReadyJson ready, String path, String link, String lastModified,
            String ifNoneMatch) {
        return list(ready, new Shown(i -> page.items.get(i).id(), i -> page.items.get(i).viewCount()),
                new Where(() -> path, link, lastModified), ifNoneMatch);
    }

    Answer related(long id, RelatedCache.Ready related, String ifNoneMatch) {
        return list(related.ready(), new Shown(i -> related.ids()[i], i -> related.builtWith()[i]),
                new Where(() -> RelatedReads.path(id), null, related.lastModified()), ifNoneMatch);
    }

    /** Item i of a list: its id, and the stored count its ready JSON was built with. */
    private record Shown(IntToLongFunction id, IntToLongFunction builtWith) {
    }

    /**
     * Where a list is answered: its path (what its surrogate keys name), its Link header (an offset page's; else
     * null) and its Last-Modified.
     */
    private record Where(java.util.function.Supplier<String> path, String link, String lastModified) {
    }

    /** A list from its ready JSON: a tag of the list without counts, and item i's live count spliced in. */
    private Answer list(ReadyJson ready, Shown shown, Where where, String ifNoneMatch) {
        String etag = "\"" + ready.hash() + "\"";
        Map<String, String> headers = headers(etag, where.lastModified(), ready.surrogateKeys(json, where.path()));
        if (where.link() != null) {
            headers.put("Link", where.link());
        }
        if (HttpCaching.notModified(ifNoneMatch, null, etag, null)) {
            return new Answer(304, headers, null);
        }
        long[] live = new long[ready.counts()];
        for (int i = 0; i < live.length; i++) {
            live[i] = counts.live(shown.id().applyAsLong(i), shown.builtWith().applyAsLong(i));
        }
        return new Answer(200, headers, ready.with(live));
    }

    private Map<String, String> headers(String etag, String lastModified, SurrogateKeys.Headers surrogateKeys) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CACHE_CONTROL, HttpCaching.cacheControl(http, false, "/articles"));
        headers.put(HttpHeaders.VARY, cors.vary());
        headers.put(HttpHeaders.ETAG, etag);
        if (!surrogateKeys.surrogateKey().isEmpty()) {
            headers.put(SurrogateKeys.HEADER, surrogateKeys.surrogateKey());
            headers.put(SurrogateKeys.CLOUDFLARE_HEADER, surrogateKeys.cacheTag());
        }
        if (lastModified != null) {
            headers.put(HttpHeaders.LAST_MODIFIED, lastModified);
        }
        return headers;
    }
}
