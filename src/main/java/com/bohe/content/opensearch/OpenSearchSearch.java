package com.bohe.content.opensearch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import com.bohe.content.api.problem.ServiceUnavailableException;
import com.bohe.content.search.ArticleFilters;
import com.bohe.content.search.QueryText;
import com.bohe.content.search.SearchBackend;
import com.bohe.content.search.SearchHits;

/**
 * Searches answered by OpenSearch, in the stages of the in-process ranking ({@code ArticleSearch}) that OpenSearch
 * can do: one {@code _msearch} brings the best {@link #WINDOW} BM25 matches (title boosted 3, counted exactly up to
 * {@link #EXACT_TOTAL}) and the {@link #NEIGHBOURS} nearest neighbours of the query's embedding (HNSW on Lucene,
 * with the same filter); a second request gives every lexical candidate its exact cosine; the fusion is the
 * in-process one without coverage and proximity, which OpenSearch does not compute: BM25 normalised by the best,
 * plus meaning above its floor, normalised by the best. Ties go to the lower id. When OpenSearch does not answer, a
 * search is a 503 with Retry-After: the rest of the API is unaffected.
 */
@ApplicationScoped
@Typed(OpenSearchSearch.class)
public class OpenSearchSearch implements SearchBackend {

    private static final Logger LOG = Logger.getLogger(OpenSearchSearch.class);
    static final int WINDOW = 200;
    static final int NEIGHBOURS = 100;
    static final int EXACT_TOTAL = 1_000;
    /**
     * The lexical part counts up to the in-process one's (BM25 0.35 + coverage 1.5 + proximity 0.15, each in [0, 1]);
     * meaning as in-process: its weight, the cosine from which it counts, and the cosine from which a neighbour with
     * no matching word joins.
     */
    static final double LEXICAL = 2.0;
    static final double SEMANTIC = 1.25;
    static final double SEMANTIC_FLOOR = 0.6;
    static final double JOIN = 0.6;
    /** Seconds a client is asked to wait when OpenSearch is away. */
    static final int RETRY_AFTER = 5;
    static final String UNAVAILABLE = "Search is unavailable for a moment; try again shortly.";

    @Inject
    OpenSearchClient client;
    @Inject
    OpenSearchConfig config;
    @Inject
    OpenSearchFeed feed;
    @Inject
    OpenSearchRelated related;

    @Override
    public boolean ready() {
        return feed.complete();
    }

    @Override
    public Related related(long id, int limit, Instant now) {
        return call(() -> {
            try {
                return related.related(id, limit, now);
            } catch (java.io.IOException e) {
                throw new OpenSearchClient.Unavailable("A related list failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public SearchHits search(String text, float[] queryVector, ArticleFilters filters, int offset, int limit, Instant now) {
        Map<String, Object> lexical = lexical(text);
        if (lexical == null) {
            return new SearchHits(0, true, List.of());
        }
        List<Object> filter = filter(filters, now);
        boolean quoted = !QueryText.parse(text).phrases().isEmpty();
        JsonNode answers = request(() -> client.call("POST", "/" + config.index() + "/_msearch", msearch(lexical, filter, queryVector, quoted)));
        JsonNode window = answer(answers.path("responses").path(0));
        Map<Long, Candidate> candidates = new LinkedHashMap<>();
        JsonNode hits = window.path("hits").path("hits");
        double maxBm25 = hits.size() == 0 ? 1 : hits.get(0).path("_score").asDouble(1);
        for (JsonNode hit : hits) {
            Candidate c = candidates.computeIfAbsent(hit.path("_id").asLong(), Candidate::new);
            c.bm25 = maxBm25 <= 0 ? 0 : hit.path("_score").asDouble() / maxBm25;
        }
        int windowTotal = window.path("hits").path("total").path("value").asInt();
        boolean exact = "eq".equals(window.path("hits").path("total").path("relation").asText("eq"));
        if (queryVector != null) {
            // Lucene's cosine score in OpenSearch is (1 + cos) / 2.
            for (JsonNode hit : answer(answers.path("responses").path(1)).path("hits").path("hits")) {
                double cosine = 2 * hit.path("_score").asDouble() - 1;
                long id = hit.path("_id").asLong();
                Candidate c = candidates.get(id);
                if (c == null && cosine >= JOIN) {
                    c = candidates.computeIfAbsent(id, Candidate::new);
                }
                if (c != null) {
                    c.cosine = cosine;
                }
            }
            exactCosines(candidates, queryVector);
        }
        List<Candidate> ranked = fuse(candidates, queryVector != null);
        List<Long> page = new ArrayList<>();
        for (int i = offset; i < Math.min(ranked.size(), offset + limit); i++) {
            page.add(ranked.get(i).id);
        }
        if (page.size() < limit && offset + limit > ranked.size() && hits.size() == WINDOW) {
            // Beyond the candidates, the BM25 order goes on.
            int from = WINDOW + Math.max(0, offset - ranked.size());
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("from", from);
            more.put("size", limit - page.size());
            more.put("_source", false);
            more.put("track_total_hits", false);
            more.put("query", Map.of("bool", Map.of("must", List.of(lexical), "filter", filter)));
            more.put("sort", List.of("_score", Map.of("id", "asc")));
            JsonNode beyond = request(() -> client.call("POST", "/" + config.index() + "/_search", more));
            for (JsonNode hit : beyond.path("hits").path("hits")) {
                page.add(hit.path("_id").asLong());
            }
        }
        int total = windowTotal + candidates.size() - hits.size();
        return new SearchHits(total, exact, page);
    }

    @Override
    public Map<Long, String> highlights(String text, Collection<Long> ids) {
        Map<String, Object> lexical = lexical(text);
        Map<Long, String> result = new HashMap<>();
        if (lexical == null || ids.isEmpty()) {
            return result;
        }
        Map<String, Object> field = Map.of("fragment_size", 80, "number_of_fragments", 1, "no_match_size", 0);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("size", ids.size());
        request.put("_source", false);
        request.put("query", Map.of("bool", Map.of("filter", List.of(Map.of("ids", Map.of("values", ids.stream().map(String::valueOf).toList()))),
                "should", List.of(lexical))));
        request.put("highlight", Map.of("encoder", "html", "pre_tags", List.of("<em>"), "post_tags", List.of("</em>"),
                "highlight_query", lexical, "fields", Map.of("body", field, "title", field)));
        JsonNode answer = request(() -> client.call("POST", "/" + config.index() + "/_search", request));
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode h = hit.path("highlight");
            JsonNode snippet = h.path("body").path(0).isMissingNode() ? h.path("title").path(0) : h.path("body").path(0);
            if (!snippet.isMissingNode()) {
                result.put(hit.path("_id").asLong(), snippet.asText());
            }
        }
        return result;
    }

    /**
     * What the text asks for without its vector: quoted phrases that must occur (title or body), and the rest
     * ranking by BM25 over title (boosted 3) and body; a lone character matches the words that start with it. Null
     * when nothing is left to search for.
     */
    static Map<String, Object> lexical(String text) {
        QueryText.Parsed parsed = QueryText.parse(text);
        List<Object> must = new ArrayList<>();
        for (String phrase : parsed.phrases()) {
            must.add(Map.of("multi_match", Map.of("query", phrase, "type", "phrase", "fields", List.of("title^3", "body"))));
        }
        Object free = null;
        String rest = parsed.free();
        if (rest.codePointCount(0, rest.length()) == 1 && Character.isLetter(rest.codePointAt(0))) {
            free = Map.of("bool", Map.of("should", List.of(Map.of("prefix", Map.of("title", Map.of("value", rest, "boost", 3))),
                    Map.of("prefix", Map.of("body", Map.of("value", rest))))));
        } else if (!rest.isBlank()) {
            free = Map.of("multi_match", Map.of("query", rest, "type", "most_fields", "operator", "or", "fields", List.of("title^3", "body")));
        }
        if (must.isEmpty() && free == null) {
            return null;
        }
        Map<String, Object> bool = new LinkedHashMap<>();
        if (must.isEmpty()) {
            bool.put("must", List.of(free));
        } else {
            bool.put("must", must);
            if (free != null) {
                bool.put("should", List.of(free));
            }
        }
        return Map.of("bool", bool);
    }

    /** Published by now, and the list's filters ("id:12" or "slug:mian-tan" references, as indexed). */
    static List<Object> filter(ArticleFilters filters, Instant now) {
        List<Object> filter = new ArrayList<>();
        filter.add(Map.of("range", Map.of("published", Map.of("lte", now.toEpochMilli()))));
        term(filter, "disease", filters.disease());
        term(filter, "department", filters.department());
        term(filter, "reviewer", filters.reviewer());
        term(filter, "tag", filters.tag());
        return filter;
    }

    private static void term(List<Object> filter, String field, String value) {
        if (value != null) {
            filter.add(Map.of("term", Map.of(field, value)));
        }
    }

    /** The window and, with a vector, the nearest neighbours within the same filter (and the phrases, when quoted). */
    private String msearch(Map<String, Object> lexical, List<Object> filter, float[] vector, boolean quoted) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("size", WINDOW);
        window.put("_source", false);
        window.put("track_total_hits", EXACT_TOTAL);
        window.put("track_scores", true);
        window.put("query", Map.of("bool", Map.of("must", List.of(lexical), "filter", filter)));
        window.put("sort", List.of("_score", Map.of("id", "asc")));
        StringBuilder body = new StringBuilder();
        try {
            var json = client.json();
            body.append("{}\n").append(json.writeValueAsString(window)).append('\n');
            if (vector != null) {
                List<Object> knnFilter = new ArrayList<>(filter);
                if (quoted) {
                    knnFilter.add(lexical);
                }
                Map<String, Object> knn = new LinkedHashMap<>();
                knn.put("size", NEIGHBOURS);
                knn.put("_source", false);
                knn.put("query", Map.of("knn", Map.of("vector", Map.of("vector", vector, "k", NEIGHBOURS,
                        "filter", Map.of("bool", Map.of("filter", knnFilter))))));
                body.append("{}\n").append(json.writeValueAsString(knn)).append('\n');
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return body.toString();
    }

    /** The exact cosine of every candidate that has a vector and none yet (the window's, beyond the neighbours). */
    private void exactCosines(Map<Long, Candidate> candidates, float[] vector) {
        List<Long> missing = candidates.values().stream().filter(c -> Double.isNaN(c.cosine)).map(c -> c.id).toList();
        if (missing.isEmpty()) {
            return;
        }
        JsonNode answer = request(() -> client.call("POST", "/" + config.index() + "/_search", ArticleMapping.exactCosines(missing, vector)));
        ArticleMapping.cosines(answer).forEach((id, cosine) -> {
            Candidate c = candidates.get(id);
            if (c != null) {
                c.cosine = cosine;
            }
        });
    }

    private static List<Candidate> fuse(Map<Long, Candidate> candidates, boolean useVector) {
        double maxCosine = candidates.values().stream().filter(c -> !Double.isNaN(c.cosine)).mapToDouble(c -> c.cosine).max().orElse(1);
        for (Candidate c : candidates.values()) {
            double semantic = Double.isNaN(c.cosine) || maxCosine <= SEMANTIC_FLOOR ? 0
                    : Math.max(0, (c.cosine - SEMANTIC_FLOOR) / (maxCosine - SEMANTIC_FLOOR));
            c.score = LEXICAL * c.bm25 + (useVector ? SEMANTIC * semantic : 0);
        }
        List<Candidate> ranked = new ArrayList<>(candidates.values());
        ranked.sort(Comparator.comparingDouble((Candidate c) -> -c.score).thenComparingLong(c -> c.id));
        return ranked;
    }

    /** One answer of an _msearch: its error, if any, is OpenSearch's failure. */
    private JsonNode answer(JsonNode response) {
        if (response.has("error")) {
            LOG.warnf("Search is unavailable: OpenSearch failed a search: %s", response.path("error"));
            throw new ServiceUnavailableException(UNAVAILABLE, RETRY_AFTER);
        }
        return response;
    }

    /** A request to OpenSearch, whose index must exist. */
    private JsonNode request(java.util.function.Supplier<JsonNode> request) {
        return call(() -> {
            JsonNode answer = request.get();
            if (answer == null) {
                throw new OpenSearchClient.Unavailable("The OpenSearch index " + config.index() + " does not exist", null);
            }
            return answer;
        });
    }

    /** Work that asks OpenSearch; its failure is a 503 with Retry-After for the client. */
    private <T> T call(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (OpenSearchClient.Unavailable | OpenSearchClient.Refused e) {
            LOG.warnf("Search is unavailable: %s", e.getMessage());
            throw new ServiceUnavailableException(UNAVAILABLE, RETRY_AFTER);
        }
    }

    private static final class Candidate {
        final long id;
        double bm25;
        double cosine = Double.NaN;
        double score;

        Candidate(long id) {
            this.id = id;
        }
    }
}
