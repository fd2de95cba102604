package com.bohe.content.opensearch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.bohe.content.api.problem.ServiceUnavailableException;
import com.bohe.content.search.ArticleFilters;
import com.bohe.content.search.ArticleSearch;
import com.bohe.content.search.QueryText;
import com.bohe.content.search.SearchBackend;
import com.bohe.content.search.SearchHits;

/**
 * Searches answered by OpenSearch, in the stages of the in-process ranking ({@code ArticleSearch}), built from the
 * same terms (the query analysed here as the index analyses it):
 * <ol>
 * <li>the terms' statistics (one {@code _termvectors} of the query as an artificial document): bigrams in more than
 * a tenth of a large index do not make an article match, as in-process, and coverage weighs terms by IDF;</li>
 * <li>one {@code _msearch}: the best {@link ArticleSearch#WINDOW} BM25 matches (title boosted 3, counted exactly up
 * to {@link ArticleSearch#EXACT_TOTAL}) and the {@link ArticleSearch#NEIGHBOURS} nearest neighbours of the query's
 * embedding (HNSW on Lucene, within the same filter);</li>
 * <li>one {@code _msearch} over the candidates: their exact cosines, their coverage (the share of the query's IDF
 * they hold, as constant scores) and their proximity (pairs of neighbouring tokens as exact spans);</li>
 * <li>the in-process fusion ({@link ArticleSearch.Weights#DEFAULT}), here, and the page; beyond the window the BM25
 * order goes on.</li>
 * </ol>
 * Ties go to the lower id. With more than one shard, BM25 and the statistics are a shard's, as OpenSearch's own
 * {@code query_then_fetch} scores. When OpenSearch does not answer, a search is a 503 with Retry-After: the rest of
 * the API is unaffected.
 */
@ApplicationScoped
@Typed(OpenSearchSearch.class)
public class OpenSearchSearch implements SearchBackend {

    private static final Logger LOG = Logger.getLogger(OpenSearchSearch.class);
    static final ArticleSearch.Weights WEIGHTS = ArticleSearch.Weights.DEFAULT;
    /** The fields searched and their boosts, as in-process. */
    private static final Map<String, Integer> FIELDS = fields();
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

    private final Cache<String, Stats> stats = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    private static Map<String, Integer> fields() {
        Map<String, Integer> fields = new LinkedHashMap<>();
        fields.put("title", 3);
        fields.put("body", 1);
        return java.util.Collections.unmodifiableMap(fields);
    }

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
        QueryText.Analysed analysed = QueryText.analyse(text);
        if (analysed.phrases().isEmpty() && analysed.terms().isEmpty()) {
            return new SearchHits(0, true, List.of());
        }
        Stats stats = stats(text);
        Map<String, Object> lexical = lexical(analysed, stats);
        if (lexical == null) {
            return new SearchHits(0, true, List.of());
        }
        List<Object> filter = filter(filters, now);
        boolean quoted = !analysed.phrases().isEmpty();
        JsonNode answers = request(() -> client.call("POST", "/" + config.index() + "/_msearch", msearch(lexical, filter, queryVector, quoted)));
        JsonNode window = answer(answers.path("responses").path(0));
        Map<Long, Candidate> candidates = new LinkedHashMap<>();
        JsonNode hits = window.path("hits").path("hits");
        double maxBm25 = hits.size() == 0 ? 1 : hits.get(0).path("_score").asDouble(1);
        for (JsonNode hit : hits) {
            Candidate c = candidates.computeIfAbsent(ArticleMapping.id(hit), Candidate::new);
            c.bm25 = maxBm25 <= 0 ? 0 : hit.path("_score").asDouble() / maxBm25;
        }
        int windowTotal = window.path("hits").path("total").path("value").asInt();
        boolean exact = "eq".equals(window.path("hits").path("total").path("relation").asText("eq"));
        Set<Long> near = new HashSet<>();
        if (queryVector != null) {
            for (JsonNode hit : answer(answers.path("responses").path(1)).path("hits").path("hits")) {
                near.add(ArticleMapping.id(hit));
            }
        }
        signals(analysed, stats, candidates, near, queryVector);
        List<Candidate> ranked = fuse(candidates, queryVector != null);
        List<Long> page = new ArrayList<>();
        for (int i = offset; i < Math.min(ranked.size(), offset + limit); i++) {
            page.add(ranked.get(i).id);
        }
        if (page.size() < limit && offset + limit > ranked.size() && hits.size() == ArticleSearch.WINDOW) {
            // Beyond the candidates, the BM25 order goes on.
            int from = ArticleSearch.WINDOW + Math.max(0, offset - ranked.size());
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("from", from);
            more.put("size", limit - page.size());
            ArticleMapping.idsOnly(more);
            more.put("track_total_hits", false);
            more.put("query", Map.of("bool", Map.of("must", List.of(lexical), "filter", filter)));
            more.put("sort", List.of("_score", Map.of("id", "asc")));
            JsonNode beyond = request(() -> client.call("POST", "/" + config.index() + "/_search", more));
            for (JsonNode hit : beyond.path("hits").path("hits")) {
                page.add(ArticleMapping.id(hit));
            }
        }
        int total = windowTotal + candidates.size() - hits.size();
        return new SearchHits(total, exact, page);
    }

    @Override
    public Map<Long, String> highlights(String text, Collection<Long> ids) {
        Map<Long, String> result = new HashMap<>();
        QueryText.Analysed analysed = QueryText.analyse(text);
        if (ids.isEmpty() || analysed.terms().isEmpty() && analysed.phrases().isEmpty()) {
            return result;
        }
        Map<String, Object> lexical = lexical(analysed, stats(text));
        if (lexical == null) {
            return result;
        }
        Map<String, Object> field = Map.of("fragment_size", 80, "number_of_fragments", 1, "no_match_size", 0);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("size", ids.size());
        request.put("_source", false);
        request.put("query", Map.of("bool", Map.of("filter", List.of(ArticleMapping.ids(ids)),
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

    /** The statistics of a query's terms: in how many articles each occurs (title or body, the larger), of how many. */
    record Stats(Map<String, Integer> docFreq, int docs) {
        int docFreq(String term) {
            return docFreq.getOrDefault(term, 0);
        }

        /** The terms too common to make an article match (as in-process): none in a small index, or when all are. */
        List<String> common(List<String> terms) {
            if (docs < ArticleSearch.COMMON_MIN_DOCS) {
                return List.of();
            }
            List<String> common = terms.stream().filter(t -> docFreq(t) > ArticleSearch.COMMON_SHARE * docs).toList();
            return common.size() == terms.size() ? List.of() : common;
        }

        /** A term's weight in coverage, Lucene's BM25 IDF. */
        double idf(String term) {
            int df = docFreq(term);
            return Math.log(1 + (Math.max(1, docs) - df + 0.5) / (df + 0.5));
        }
    }

    /**
     * The statistics of the text's terms, from one term-vectors request of the text as an artificial document; kept
     * a minute, so that a search's highlights and a question asked again do not ask for them again (document
     * frequencies move little in a minute).
     */
    private Stats stats(String text) {
        return stats.get(text, this::fetchStats);
    }

    private Stats fetchStats(String text) {
        String unquoted = text.replace('"', ' ');
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("doc", Map.of("title", unquoted, "body", unquoted));
        request.put("fields", List.copyOf(FIELDS.keySet()));
        request.put("term_statistics", true);
        request.put("field_statistics", true);
        request.put("positions", false);
        request.put("offsets", false);
        JsonNode answer = request(() -> client.call("POST", "/" + config.index() + "/_termvectors", request));
        Map<String, Integer> docFreq = new HashMap<>();
        int docs = 0;
        for (String field : FIELDS.keySet()) {
            JsonNode vector = answer.path("term_vectors").path(field);
            docs = Math.max(docs, vector.path("field_statistics").path("doc_count").asInt());
            vector.path("terms").fields().forEachRemaining(t -> docFreq.merge(t.getKey(), t.getValue().path("doc_freq").asInt(), Math::max));
        }
        return new Stats(docFreq, docs);
    }

    /**
     * What the text asks for without its vector, as in-process ({@code ArticleSearch.lexical}): quoted phrases that
     * must occur (title or body), and an article matching when it holds any telling term, each term scoring by BM25
     * in each field with its boost; a lone character matches the bigrams that start with it, the most frequent 50.
     * When every term is common, the common ones match. Null when nothing is left to search for.
     */
    static Map<String, Object> lexical(QueryText.Analysed analysed, Stats stats) {
        List<Object> must = new ArrayList<>();
        for (List<String> phrase : analysed.phrases()) {
            must.add(phrase(phrase));
        }
        List<String> telling = new ArrayList<>(analysed.terms());
        telling.removeAll(stats.common(analysed.terms()));
        Object any = anyTerm(telling);
        if (must.isEmpty() && any == null) {
            return null;
        }
        if (must.isEmpty()) {
            return Map.of("bool", Map.of("should", List.of(any)));
        }
        Map<String, Object> bool = new LinkedHashMap<>();
        bool.put("must", must);
        if (any != null) {
            bool.put("should", List.of(any));
        }
        return Map.of("bool", bool);
    }

    /** Any of the terms, in any field, with its boost; a lone character as a prefix. Null when none. */
    private static Object anyTerm(List<String> terms) {
        if (terms.isEmpty()) {
            return null;
        }
        List<Object> should = new ArrayList<>();
        for (String term : terms) {
            FIELDS.forEach((field, boost) -> should.add(QueryText.isLoneCharacter(term)
                    ? Map.of("prefix", Map.of(field, Map.of("value", term, "boost", boost,
                            "rewrite", "top_terms_blended_freqs_" + QueryText.PREFIX_TERMS)))
                    : Map.of("term", Map.of(field, Map.of("value", term, "boost", boost)))));
        }
        return Map.of("bool", Map.of("should", should));
    }

    /** The tokens next to each other, in order, in title (boosted) or body: exact spans, no analysis. */
    private static Object phrase(List<String> tokens) {
        List<Object> should = new ArrayList<>();
        FIELDS.forEach((field, boost) -> {
            if (tokens.size() == 1) {
                should.add(Map.of("term", Map.of(field, Map.of("value", tokens.get(0), "boost", boost))));
            } else {
                should.add(Map.of("span_near", Map.of("clauses", tokens.stream().map(t -> Map.of("span_term", Map.of(field, t))).toList(),
                        "slop", 0, "in_order", true, "boost", boost)));
            }
        });
        return Map.of("bool", Map.of("should", should));
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
        window.put("size", ArticleSearch.WINDOW);
        ArticleMapping.idsOnly(window);
        window.put("track_total_hits", ArticleSearch.EXACT_TOTAL);
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
                knn.put("size", ArticleSearch.NEIGHBOURS);
                ArticleMapping.idsOnly(knn);
                knn.put("query", Map.of("knn", Map.of("vector", Map.of("vector", vector, "k", ArticleSearch.NEIGHBOURS,
                        "filter", Map.of("bool", Map.of("filter", knnFilter))))));
                body.append("{}\n").append(json.writeValueAsString(knn)).append('\n');
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return body.toString();
    }

    /**
     * The candidates' signals, in one {@code _msearch}: the exact cosines of the window and the neighbours (a
     * neighbour that holds no term joins when its cosine reaches the join), the coverage and the proximity of each.
     */
    private void signals(QueryText.Analysed analysed, Stats stats, Map<Long, Candidate> candidates, Set<Long> near, float[] vector) {
        Set<Long> all = new LinkedHashSet<>(candidates.keySet());
        all.addAll(near);
        if (all.isEmpty()) {
            return;
        }
        Map<String, Object> coverage = coverage(analysed.terms(), stats);
        Map<String, Object> proximity = proximity(analysed.tokens());
        List<Map<String, Object>> requests = new ArrayList<>();
        if (vector != null) {
            requests.add(ArticleMapping.exactCosines(all, vector));
        }
        if (coverage != null) {
            requests.add(over(all, coverage));
        }
        if (proximity != null) {
            requests.add(over(all, proximity));
        }
        if (requests.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder();
        try {
            for (Map<String, Object> request : requests) {
                body.append("{}\n").append(client.json().writeValueAsString(request)).append('\n');
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        JsonNode answers = request(() -> client.call("POST", "/" + config.index() + "/_msearch", body.toString())).path("responses");
        int next = 0;
        if (vector != null) {
            ArticleMapping.cosines(answer(answers.path(next++))).forEach((id, cosine) -> {
                Candidate c = candidates.get(id);
                if (c == null && cosine >= WEIGHTS.join()) {
                    c = candidates.computeIfAbsent(id, Candidate::new);
                }
                if (c != null) {
                    c.cosine = cosine;
                }
            });
        }
        if (coverage != null) {
            scores(answer(answers.path(next++))).forEach((id, s) -> {
                if (candidates.containsKey(id)) {
                    candidates.get(id).coverage = s;
                }
            });
        }
        if (proximity != null) {
            Map<Long, Double> found = scores(answer(answers.path(next++)));
            found.keySet().retainAll(candidates.keySet());
            double max = found.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            if (max > 0) {
                found.forEach((id, s) -> candidates.get(id).proximity = s / max);
            }
        }
    }

    /** Each term that the article holds, in the title or the body, counts its share of the query's IDF. */
    private static Map<String, Object> coverage(List<String> terms, Stats stats) {
        double idfSum = terms.stream().mapToDouble(stats::idf).sum();
        if (idfSum <= 0) {
            return null;
        }
        List<Object> should = new ArrayList<>();
        for (String term : terms) {
            List<Object> anyField = FIELDS.keySet().stream().map(f -> (Object) Map.of("term", Map.of(f, term))).toList();
            should.add(Map.of("constant_score", Map.of("filter", Map.of("bool", Map.of("should", anyField)),
                    "boost", stats.idf(term) / idfSum)));
        }
        return Map.of("bool", Map.of("should", should));
    }

    /** Each pair of neighbouring tokens of the query (three characters of Chinese) found together. */
    private static Map<String, Object> proximity(List<String> tokens) {
        List<Object> should = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size() && should.size() < QueryText.MAX_TERMS; i++) {
            should.add(phrase(List.of(tokens.get(i), tokens.get(i + 1))));
        }
        return should.isEmpty() ? null : Map.of("bool", Map.of("should", should));
    }

    /** A query's score for each of these articles (0 where it does not match). */
    private static Map<String, Object> over(Collection<Long> ids, Map<String, Object> query) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("size", ids.size());
        ArticleMapping.idsOnly(request);
        request.put("query", Map.of("bool", Map.of("filter", List.of(ArticleMapping.ids(ids)),
                "should", List.of(query))));
        return request;
    }

    private static Map<Long, Double> scores(JsonNode answer) {
        Map<Long, Double> scores = new HashMap<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            scores.put(ArticleMapping.id(hit), hit.path("_score").asDouble());
        }
        return scores;
    }

    private static List<Candidate> fuse(Map<Long, Candidate> candidates, boolean useVector) {
        double maxCosine = candidates.values().stream().filter(c -> !Double.isNaN(c.cosine)).mapToDouble(c -> c.cosine).max().orElse(1);
        for (Candidate c : candidates.values()) {
            c.score = WEIGHTS.lexical(c.bm25, c.coverage, c.proximity) + (useVector ? WEIGHTS.semantic() * WEIGHTS.semantic(c.cosine, maxCosine) : 0);
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
        double coverage;
        double proximity;
        double cosine = Double.NaN;
        double score;

        Candidate(long id) {
            this.id = id;
        }
    }
}
