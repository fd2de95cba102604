package com.bohe.content.api.paging;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Adds RFC 8288 Link headers (first, prev, next, last) to every {@link Page} response. A page whose total is a lower
 * bound ({@code totalRelation: gte}) has no {@code last}: where the list ends is not known, and {@code next} is there
 * as long as the bound says more may follow.
 */
public class PageLinks {

    @ServerResponseFilter
    public void addLinks(ContainerResponseContext response, UriInfo uri) {
        if (response.getEntity() instanceof Page<?> page) {
            response.getHeaders().putSingle("Link", header(uri.getRequestUri(), page));
        }
    }

    /** The Link header of a page asked for by this URI (only its path and query are used). */
    public static String header(java.net.URI request, Page<?> page) {
        int last = Math.max(page.totalPages() - 1, 0);
        boolean exact = page.totalRelation() == Page.TotalRelation.eq;
        List<String> links = new ArrayList<>(4);
        links.add(link(request, 0, "first"));
        if (page.page() > 0) {
            links.add(link(request, exact ? Math.min(page.page() - 1, last) : page.page() - 1, "prev"));
        }
        if (page.page() < last || !exact && page.items().size() == page.size()) {
            links.add(link(request, page.page() + 1, "next"));
        }
        if (exact) {
            links.add(link(request, last, "last"));
        }
        return String.join(", ", links);
    }

    private static String link(java.net.URI request, int page, String rel) {
        // Host-relative, so that the links stay right behind a proxy or load balancer.
        java.net.URI target = UriBuilder.fromUri(request).replaceQueryParam("page", page).build();
        return "<" + target.getRawPath() + "?" + target.getRawQuery() + ">; rel=\"" + rel + "\"";
    }
}
