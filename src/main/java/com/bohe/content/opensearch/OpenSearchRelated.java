package com.bohe.content.opensearch;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.lucene.document.Document;

import com.fasterxml.jackson.databind.JsonNode;

import com.bohe.content.search.RelatedHit;
import com.bohe.content.search.RelatedScorer;
import com.bohe.content.search.SearchBackend;

/**
 * Related lists from OpenSearch, with the in-process candidates and the in-process ranking ({@link RelatedScorer}):
 * one {@code _msearch} finds the candidates by text ({@code more_like_this} on the title, boosted 1.5, and on
 * title and body: up to 100 terms, as in-process), by meaning (the 100 nearest neighbours of the article's stored
 * vector) and by structure (the 50 most viewed of its diseases and department), each with its card; a second
 * request gives every candidate its exact cosine. The ranking, the title deduplication and the popular fill are
 * the in-process ones, so the lists differ only where the indexes' statistics do (BM25 over shards, HNSW recall).
 */
@ApplicationScoped
class OpenSearchRelated {

    static final int TEXT_CANDIDATES = 100;
    static final int STRUCTURE_CANDIDATES = 50;
    static final int MAX_QUERY_TERMS = 100;

    @Inject
    OpenSearchClient client;
    @Inject
    OpenSearchConfig config;

    /** The list of an indexed article; null when it is not in the index. */
    SearchBackend.Related related(long id, int limit, Instant now) throws IOException {
        JsonNode self = client.call("GET", "/" + config.index() + "/_doc/" + id, null);
        if (self == null || !self.path("found").asBoolean()) {
            return null;
        }
        JsonNode source = self.path("_source");
        float[] vector = vector(source.path("vector"));
        List<Object> visible = List.of(Map.of("range", Map.of("published", Map.of("lte", now.toEpochMilli()))));
        Map<String, Object> notSelf = ArticleMapping.ids(List.of(id));
        Map<String, Object> filter = Map.of("bool", Map.of("filter", visible, "must_not", List.of(notSelf)));

        StringBuilder body = new StringBuilder();
        String title = source.path("title").asText();
        String text = title + "\n" + source.path("body").asText();
        List<Object> mlt = List.of(
                Map.of("more_like_this", moreLikeThis("title", title, 1.5)),
                Map.of("more_like_this", moreLikeThis("body", text, 1.0)));
        line(body, search(TEXT_CANDIDATES, Map.of("bool", Map.of("should", mlt, "minimum_should_match", 1, "filter", List.of(filter))), null));
        if (vector != null) {
            line(body, search(TEXT_CANDIDATES, Map.of("knn", Map.of("vector", Map.of("vector", vector, "k", TEXT_CANDIDATES, "filter", filter))), null));
        }
        List<Object> structure = new ArrayList<>();
        source.path("disease").forEach(d -> structure.add(Map.of("term", Map.of("disease", d.asText()))));
        if (source.hasNonNull("department_exact")) {
            structure.add(Map.of("term", Map.of("department_exact", source.path("department_exact").asText())));
        }
        if (!structure.isEmpty()) {
            line(body, search(STRUCTURE_CANDIDATES, Map.of("bool", Map.of("should", structure, "minimum_should_match", 1,
                    "filter", List.of(filter))), byViews()));
        }
        JsonNode responses = client.call("POST", "/" + config.index() + "/_msearch", body.toString()).path("responses");
        for (JsonNode r : responses) {
            if (r.has("error")) {
                throw new OpenSearchClient.Unavailable("OpenSearch failed a related search: " + r.path("error"), null);
            }
        }

        Map<Long, RelatedScorer.Candidate> candidates = new LinkedHashMap<>();
        Map<Long, Double> texts = new LinkedHashMap<>();
        JsonNode textHits = responses.path(0).path("hits").path("hits");
        double maxText = textHits.size() == 0 ? 1 : textHits.get(0).path("_score").asDouble(1);
        Map<Long, Document> cards = new LinkedHashMap<>();
        for (JsonNode hit : textHits) {
            long candidate = hit.path("_id").asLong();
            texts.put(candidate, maxText <= 0 ? 0 : hit.path("_score").asDouble() / maxText);
            cards.put(candidate, card(hit.path("_source")));
        }
        for (int i = 1; i < responses.size(); i++) {
            for (JsonNode hit : responses.path(i).path("hits").path("hits")) {
                cards.putIfAbsent(hit.path("_id").asLong(), card(hit.path("_source")));
            }
        }
        Map<Long, Double> semantic = vector == null ? Map.of() : semantic(cards.keySet(), vector);
        cards.forEach((candidate, card) -> candidates.put(candidate, new RelatedScorer.Candidate(card,
                texts.getOrDefault(candidate, 0.0), semantic.getOrDefault(candidate, 0.0))));
        RelatedScorer.MostViewed mostViewed = n -> {
            Map<String, Object> popular = search(n, Map.of("bool", Map.of("filter", List.of(filter))), byViews());
            List<Document> found = new ArrayList<>();
            for (JsonNode hit : client.call("POST", "/" + config.index() + "/_search", popular).path("hits").path("hits")) {
                found.add(card(hit.path("_source")));
            }
            return found;
        };
        List<RelatedHit> hits = RelatedScorer.rank(id, card(source), new ArrayList<>(candidates.values()), mostViewed,
                limit, now, RelatedScorer.Weights.DEFAULT);
        return new SearchBackend.Related(hits, vector != null);
    }

    private static Map<String, Object> moreLikeThis(String field, String like, double boost) {
        Map<String, Object> mlt = new LinkedHashMap<>();
        mlt.put("fields", List.of(field));
        mlt.put("like", like);
        mlt.put("min_term_freq", 1);
        mlt.put("min_doc_freq", 2);
        mlt.put("max_query_terms", MAX_QUERY_TERMS);
        mlt.put("minimum_should_match", "1");
        mlt.put("boost_terms", 1);
        mlt.put("boost", boost);
        return mlt;
    }

    private static Map<String, Object> search(int size, Map<String, Object> query, List<Object> sort) {
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("size", size);
        search.put("_source", Map.of("includes", ArticleMapping.CARD));
        search.put("query", query);
        if (sort != null) {
            search.put("sort", sort);
        }
        return search;
    }

    private static List<Object> byViews() {
        return List.of(Map.of("views", "desc"), Map.of("id", "asc"));
    }

    private void line(StringBuilder body, Map<String, Object> search) {
        try {
            body.append("{}\n").append(client.json().writeValueAsString(search)).append('\n');
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each candidate's cosine, normalised from the floor (0.5) to the best, as in-process. */
    private Map<Long, Double> semantic(java.util.Set<Long> ids, float[] vector) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Double> cosines = ArticleMapping.cosines(client.call("POST", "/" + config.index() + "/_search",
                ArticleMapping.exactCosines(ids, vector)));
        double best = cosines.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        Map<Long, Double> semantic = new LinkedHashMap<>();
        if (best > RelatedScorer.SEMANTIC_FLOOR) {
            cosines.forEach((id, cos) -> semantic.put(id, Math.max(0, (cos - RelatedScorer.SEMANTIC_FLOOR) / (best - RelatedScorer.SEMANTIC_FLOOR))));
        }
        return semantic;
    }

    private static Document card(JsonNode s) {
        return RelatedScorer.card(s.path("id").asLong(), s.path("title").asText(), s.path("views").asLong(),
                s.path("published").asLong(), text(s, "department_exact"), text(s, "department_parent"),
                text(s, "department_name"), ids(s.path("disease")), texts(s.path("disease_name")), texts(s.path("tag")),
                first(s.path("reviewer")), text(s, "reviewer_name"));
    }

    private static String text(JsonNode s, String field) {
        return s.hasNonNull(field) ? s.path(field).asText() : null;
    }

    /** The first value: the reviewer's "id:" reference, as the in-process card keeps it. */
    private static String first(JsonNode values) {
        for (JsonNode v : values) {
            if (v.asText().startsWith("id:")) {
                return v.asText();
            }
        }
        return null;
    }

    private static List<String> ids(JsonNode values) {
        return texts(values).stream().filter(v -> v.startsWith("id:")).toList();
    }

    private static List<String> texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    private static float[] vector(JsonNode values) {
        if (!values.isArray() || values.size() == 0) {
            return null;
        }
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) values.get(i).asDouble();
        }
        return vector;
    }
}
