package com.bohe.content.api.caching;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The names a CDN purges by (Surrogate-Key for Fastly and Varnish xkey, Cache-Tag for Cloudflare): one per
 * resource ({@code article-123}), one per kind's lists ({@code list-articles}) and one for everything that shows a
 * kind ({@code articles}). A response names what it shows; a webhook event names what to purge.
 */
public final class SurrogateKeys {

    public static final String HEADER = "Surrogate-Key";
    public static final String CLOUDFLARE_HEADER = "Cache-Tag";
    /** Beyond this, a response names its kinds' keys only: CDNs cap the header (Fastly 16 KB, Cloudflare 16 KB in all). */
    static final int MAX_LENGTH = 8000;

    /** The kind a path's first (or third, for a cross-link list) segment lists. */
    private static final Map<String, String> PATH_KINDS = Map.of("articles", "article", "diseases", "disease",
            "doctors", "doctor", "hospitals", "hospital", "departments", "department");

    /** The kind of what a field of our bodies holds, one or several. */
    private static final Map<String, String> FIELD_KINDS = Map.ofEntries(
            Map.entry("department", "department"), Map.entry("departments", "department"),
            Map.entry("parent", "department"), Map.entry("children", "department"),
            Map.entry("disease", "disease"), Map.entry("diseases", "disease"), Map.entry("specialties", "disease"),
            Map.entry("doctor", "doctor"), Map.entry("doctors", "doctor"), Map.entry("reviewer", "doctor"),
            Map.entry("hospital", "hospital"), Map.entry("hospitals", "hospital"),
            Map.entry("article", "article"), Map.entry("articles", "article"),
            Map.entry("cover", "file"), Map.entry("photo", "file"));

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

    /** @return whether a public read of this path (as in the contract, or as requested) names what it shows */
    public static boolean named(String path) {
        return PATH_KINDS.containsKey(segments(path)[0]);
    }

    private static String[] segments(String path) {
        return path.replaceAll("^/+", "").split("/");
    }

    /**
     * What a public read shows, by its path and body: a detail names itself and every resource it shows
     * (an article its department, diseases and reviewer), a list its kind's lists and each item with what it
     * shows, a cross-link or related list also the resource it belongs to. Empty for anything else.
     *
     * @return the keys, space-separated (Surrogate-Key); empty when the path is not content's
     */
    public static String header(String path, JsonNode body) {
        String[] segments = segments(path);
        String kind = PATH_KINDS.get(segments[0]);
        if (kind == null || body == null || !body.isObject()) {
            return "";
        }
        Set<String> keys = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        JsonNode items = body.get("items");
        if (items != null && items.isArray()) {
            String listed = kind;
            if (segments.length >= 3 && segments[1].matches("[0-9]+")) {
                keys.add(of(kind, Long.parseLong(segments[1])));
                listed = segments[2].equals("related") ? "article" : PATH_KINDS.getOrDefault(segments[2], kind);
            }
            keys.add(list(listed));
            kinds.add(all(listed));
            Set<String> always = new LinkedHashSet<>(keys);
            for (JsonNode item : items) {
                walk(item, listed, keys, kinds);
            }
            keys.addAll(kinds);
            String joined = String.join(" ", keys);
            if (joined.length() <= MAX_LENGTH) {
                return joined;
            }
            // Too many to name: the list's own keys and every kind it shows, which a purge of any of them reaches.
            always.addAll(kinds);
            return String.join(" ", always);
        }
        walk(body, kind, keys, kinds);
        keys.addAll(kinds);
        String joined = String.join(" ", keys);
        return joined.length() <= MAX_LENGTH ? joined : String.join(" ", kinds);
    }

    /** Both headers' values, made once for an answer kept ready. */
    public record Headers(String surrogateKey, String cacheTag) {

        public static Headers of(String surrogateKey) {
            return new Headers(surrogateKey, cloudflare(surrogateKey));
        }
    }

    /** The same keys as Cloudflare's Cache-Tag wants them: comma-separated. */
    public static String cloudflare(String header) {
        return header.replace(' ', ',');
    }

    private static void walk(JsonNode node, String kind, Set<String> keys, Set<String> kinds) {
        if (node == null || !node.isObject()) {
            return;
        }
        JsonNode id = node.get("id");
        if (id != null && id.canConvertToLong()) {
            keys.add(of(kind, id.asLong()));
            kinds.add(all(kind));
        }
        node.fields().forEachRemaining(field -> {
            String nested = FIELD_KINDS.get(field.getKey());
            if (nested == null) {
                return;
            }
            if (field.getValue().isArray()) {
                field.getValue().forEach(element -> walk(element, nested, keys, kinds));
            } else {
                walk(field.getValue(), nested, keys, kinds);
            }
        });
    }
}
