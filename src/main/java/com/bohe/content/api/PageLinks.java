package com.bohe.content.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Adds RFC 8288 Link headers (first, prev, next, last) to every {@link Page} response. */
public class PageLinks {

    @ServerResponseFilter
    public void addLinks(ContainerResponseContext response, UriInfo uri) {
        if (!(response.getEntity() instanceof Page<?> page)) {
            return;
        }
        int last = Math.max(page.totalPages() - 1, 0);
        List<String> links = new ArrayList<>(4);
        links.add(link(uri, 0, "first"));
        if (page.page() > 0) {
            links.add(link(uri, Math.min(page.page() - 1, last), "prev"));
        }
        if (page.page() < last) {
            links.add(link(uri, page.page() + 1, "next"));
        }
        links.add(link(uri, last, "last"));
        response.getHeaders().putSingle("Link", String.join(", ", links));
    }

    private static String link(UriInfo uri, int page, String rel) {
        // Host-relative, so that the links stay right behind a proxy or load balancer.
        java.net.URI target = uri.getRequestUriBuilder().replaceQueryParam("page", page).build();
        return "<" + target.getRawPath() + "?" + target.getRawQuery() + ">; rel=\"" + rel + "\"";
    }
}
