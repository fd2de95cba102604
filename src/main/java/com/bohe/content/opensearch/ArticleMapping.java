package com.bohe.content.opensearch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.bohe.content.embedding.EmbeddingModel;
import com.bohe.content.search.IndexedArticle;

/**
 * The OpenSearch index of articles: its settings and mapping, and the document an article becomes. The analysis is
 * the in-process index's ({@code ChineseAnalysis.bigrams()}: standard tokens, full-width folded, lower case,
 * character bigrams), so that both backends match the same articles. References are findable as "id:12" and
 * "slug:mian-tan", as in-process; a department reference names its parent too.
 */
final class ArticleMapping {

    /** Raise with any change below: a feed built with another format is rebuilt beside it and the alias flips. */
    static final String FORMAT = "articles-v1/" + EmbeddingModel.NAME + "/cjk-bigrams-width-lower";
    /** HNSW graph parameters (Lucene's defaults) and the candidates a knn search visits per shard. */
    static final int HNSW_M = 16;
    static final int HNSW_EF_CONSTRUCTION = 100;
    static final int EF_SEARCH = 100;

    private ArticleMapping() {
    }

    /** The body of the request that creates an index. */
    static Map<String, Object> index(int shards, int replicas) {
        Map<String, Object> analysis = Map.of("analyzer", Map.of("content_bigrams", Map.of(
                "type", "custom", "tokenizer", "standard", "filter", List.of("cjk_width", "lowercase", "cjk_bigram"))));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("number_of_shards", shards);
        settings.put("number_of_replicas", replicas);
        settings.put("refresh_interval", "1s");
        settings.put("knn", true);
        settings.put("knn.algo_param.ef_search", EF_SEARCH);
        settings.put("analysis", analysis);
        Map<String, Object> text = Map.of("type", "text", "analyzer", "content_bigrams");
        Map<String, Object> keyword = Map.of("type", "keyword");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", Map.of("type", "long"));
        properties.put("title", text);
        properties.put("body", text);
        properties.put("published", Map.of("type", "date", "format", "epoch_millis"));
        properties.put("department", keyword);
        properties.put("disease", keyword);
        properties.put("reviewer", keyword);
        properties.put("tag", keyword);
        // What a related list reads of a candidate (RelatedScorer's card): the department itself and its parent,
        // names to show, and the views at the last change (a mild prior; counts are not fed on every view).
        Map<String, Object> stored = Map.of("type", "keyword", "index", false, "doc_values", false);
        properties.put("department_exact", keyword);
        properties.put("department_parent", keyword);
        properties.put("department_name", stored);
        properties.put("disease_name", stored);
        properties.put("reviewer_name", stored);
        properties.put("views", Map.of("type", "long"));
        properties.put("vector", Map.of("type", "knn_vector", "dimension", EmbeddingModel.DIMENSION,
                "method", Map.of("name", "hnsw", "engine", "lucene", "space_type", "cosinesimil",
                        "parameters", Map.of("m", HNSW_M, "ef_construction", HNSW_EF_CONSTRUCTION))));
        Map<String, Object> mappings = new LinkedHashMap<>();
        mappings.put("dynamic", "strict");
        mappings.put("properties", properties);
        return Map.of("settings", Map.of("index", settings), "mappings", mappings);
    }

    /** The fields of a related list's card ({@code RelatedScorer.card}): everything but the texts and the vector. */
    static final List<String> CARD = List.of("id", "title", "published", "views", "department_exact", "department_parent",
            "department_name", "disease", "disease_name", "tag", "reviewer", "reviewer_name");

    /** The document of an article. */
    static Map<String, Object> document(IndexedArticle a) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", a.id());
        doc.put("title", a.title());
        doc.put("body", a.body());
        doc.put("published", a.publishedAt().toEpochMilli());
        List<String> departments = new ArrayList<>();
        if (a.departmentId() != null) {
            refs(departments, a.departmentId(), a.departmentSlug());
        }
        if (a.parentDepartmentId() != null) {
            refs(departments, a.parentDepartmentId(), a.parentDepartmentSlug());
        }
        doc.put("department", departments);
        List<String> diseases = new ArrayList<>();
        a.diseases().forEach(d -> refs(diseases, d.id(), d.slug()));
        doc.put("disease", diseases);
        List<String> reviewer = new ArrayList<>();
        if (a.reviewer() != null) {
            refs(reviewer, a.reviewer().id(), a.reviewer().slug());
        }
        doc.put("reviewer", reviewer);
        doc.put("tag", a.tags());
        doc.put("department_exact", a.departmentId() == null ? null : Long.toString(a.departmentId()));
        doc.put("department_parent", a.parentDepartmentId() == null ? null : Long.toString(a.parentDepartmentId()));
        doc.put("department_name", a.departmentName());
        doc.put("disease_name", a.diseases().stream().map(d -> d.id() + "|" + d.name()).toList());
        doc.put("reviewer_name", a.reviewer() == null ? null : a.reviewer().name());
        doc.put("views", a.viewCount());
        if (a.vector() != null) {
            doc.put("vector", a.vector());
        }
        return doc;
    }

    private static void refs(List<String> values, long id, String slug) {
        values.add("id:" + id);
        if (slug != null) {
            values.add("slug:" + slug);
        }
    }

    /**
     * Puts into a search that its hits are read by article id alone, from doc values: no stored field is read. A hit's
     * {@code _id} (and {@code _source}) is a stored field, in blocks compressed with the whole document (its vector
     * and body): reading it for the 200-300 hits of a ranking stage was half that stage's time at 100,000 articles
     * (coverage 27 → 13 ms, exact cosines 19 → 5 ms, bench/results/search-load-opensearch.md). Read with {@link #id}.
     */
    static Map<String, Object> idsOnly(Map<String, Object> search) {
        search.put("stored_fields", "_none_");
        search.put("docvalue_fields", List.of("id"));
        return search;
    }

    /** The query that matches these articles by id. */
    static Map<String, Object> ids(java.util.Collection<Long> ids) {
        return Map.of("ids", Map.of("values", ids.stream().map(String::valueOf).toList()));
    }

    /** The article id of a hit of an {@link #idsOnly} search. */
    static long id(com.fasterxml.jackson.databind.JsonNode hit) {
        return hit.path("fields").path("id").path(0).asLong();
    }

    /**
     * The search that gives each of these articles that has a vector its exact cosine with {@code vector} (the
     * k-NN plugin's scoring script); read its answer with {@link #cosines}.
     */
    static Map<String, Object> exactCosines(java.util.Collection<Long> ids, float[] vector) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("size", ids.size());
        idsOnly(request);
        request.put("query", Map.of("script_score", Map.of(
                "query", Map.of("bool", Map.of("filter", List.of(ids(ids),
                        Map.of("exists", Map.of("field", "vector"))))),
                "script", Map.of("source", "knn_score", "lang", "knn",
                        "params", Map.of("field", "vector", "query_value", vector, "space_type", "cosinesimil")))));
        return request;
    }

    /**
     * The cosines of an {@link #exactCosines} answer, by article id. The script scores cosinesimil as (1 + cos) / 2
     * on OpenSearch 2.19 (an article with itself scores 1), as the Lucene engine's knn query does.
     */
    static Map<Long, Double> cosines(com.fasterxml.jackson.databind.JsonNode answer) {
        Map<Long, Double> cosines = new LinkedHashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode hit : answer.path("hits").path("hits")) {
            cosines.put(id(hit), 2 * hit.path("_score").asDouble() - 1);
        }
        return cosines;
    }
}
