package com.bohe.content.api;

/**
 * The names a CDN purges by (Surrogate-Key for Fastly and Varnish xkey, Cache-Tag for Cloudflare): one per
 * resource ({@code article-123}), one per kind's lists ({@code list-articles}) and one for everything that shows a
 * kind ({@code articles}). A response names what it shows; a webhook event names what to purge.
 */
public final class SurrogateKeys {

    private SurrogateKeys() {
    }

    /** @param kind article, disease, doctor, hospital or department */
    public static String of(String kind, long id) {
        return kind + "-" + id;
    }

    /** The key of every list of a kind: what changes when one joins or leaves them. */
    public static String list(String kind) {
        return "list-" + all(kind);
    }

    /** The key of every response that shows a kind: details and lists. */
    public static String all(String kind) {
        return kind + "s";
    }
}
