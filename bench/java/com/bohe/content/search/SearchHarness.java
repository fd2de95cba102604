package com.bohe.content.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.embedding.EmbeddingText;

/**
 * The evaluation harness of search (not a test): known-item retrieval, each row's ask finding that row's article
 * (title, with the answer as body). Run it through bench/search.sh, which documents the options.
 */
public final class SearchHarness {

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path corpus = Path.of(options.getOrDefault("corpus", "../shared/data/toyhom-neike-sample.jsonl"));
        int queries = Integer.parseInt(options.getOrDefault("queries", "1000"));
        int size = Integer.parseInt(options.getOrDefault("size", "0"));
        int docText = Integer.parseInt(options.getOrDefault("doc-text", String.valueOf(EmbeddingText.MAX_CHARS)));
        List<HarnessRanking> modes = java.util.Arrays.stream(options.getOrDefault("modes", "BM25,LEXICAL,DENSE,RRF,HYBRID")
                .split(",")).map(HarnessRanking::valueOf).toList();
        ArticleSearch.Weights weights = weights(options.get("weights"));
        Instant now = Instant.now();
        ObjectMapper json = new ObjectMapper();

        List<IndexedArticle> articles = new ArrayList<>();
        List<String> asks = new ArrayList<>();
        Map<String, List<Long>> sameContent = new HashMap<>();
        for (String line : Files.readAllLines(corpus)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            long id = articles.size() + 1;
            String title = row.get("title").asText();
            String answer = row.get("answer").asText();
            articles.add(new IndexedArticle(id, "a-" + id, title, answer, now.minus(id % 700, ChronoUnit.DAYS), id % 500,
                    null, null, null, null, null, List.of(), null, List.of()));
            asks.add(row.get("ask").asText());
            sameContent.computeIfAbsent(title + "\n" + answer, k -> new ArrayList<>()).add(id);
        }
        int original = articles.size();
        boolean dense = modes.stream().anyMatch(HarnessRanking::dense);
        VectorCache cache = new VectorCache(Path.of("target/harness-vectors.bin"));
        if (dense) {
            List<String> texts = articles.stream().map(a -> docText == 0 ? a.title()
                    : EmbeddingText.of(a.title(), null, a.body(), docText)).toList();
            List<float[]> vectors = cache.vectors(texts);
            for (int i = 0; i < articles.size(); i++) {
                articles.set(i, articles.get(i).withVector(vectors.get(i)));
            }
            if (cache.embedded > 0) {
                System.out.printf("embedded %d articles in %.1f s (%.2f ms each)%n", cache.embedded, cache.embedNanos / 1e9,
                        cache.embedNanos / 1e6 / cache.embedded);
            }
        }
        Random random = new Random(42);
        for (long id = original + 1; id <= size; id++) {
            IndexedArticle from = articles.get(random.nextInt(original));
            float[] v = from.vector() == null ? null : jitter(from.vector(), random);
            articles.add(new IndexedArticle(id, "a-" + id, from.title() + (random.nextBoolean() ? "？" : ""),
                    shuffled(from.body(), random), from.publishedAt(), random.nextInt(1000), null, null, null, null, null,
                    List.of(), null, List.of(), v));
        }

        long start = System.nanoTime();
        ArticleIndex index = new ArticleIndex();
        for (int from = 0; from < articles.size(); from += 5_000) {
            index.putBulk(articles.subList(from, Math.min(articles.size(), from + 5_000)));
        }
        index.commit();
        System.out.printf("corpus: %d articles (%d from the file), indexed in %d ms, vector format %d bits; %s%n",
                articles.size(), original, (System.nanoTime() - start) / 1_000_000, VectorFormat.bits(), index.storage());

        int step = Math.max(1, original / queries);
        List<Integer> sample = new ArrayList<>();
        for (int i = 0; i < original && sample.size() < queries; i += step) {
            sample.add(i);
        }
        List<float[]> queryVectors = dense ? cache.vectors(sample.stream().map(asks::get).toList()) : null;
        long embedQueryNanos = 0;
        if (dense) {
            // The cost of embedding a question, added to each dense query's latency below.
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < Math.min(200, sample.size()); i++) {
                long t0 = System.nanoTime();
                cache.model().embed(asks.get(sample.get(i)));
                times.add(System.nanoTime() - t0);
            }
            embedQueryNanos = (long) (percentile(times, 50) * 1e6);
            System.out.printf("query embedding: p50 %.2f ms p99 %.2f ms%n", percentile(times, 50), percentile(times, 99));
        }
        for (HarnessRanking mode : modes) {
            ArticleSearch.Ranking ranking = mode.ranking(weights);
            // Warm the JIT on other queries first.
            ArticleSearch.Ranking warm = (mode == HarnessRanking.BM25 ? mode : HarnessRanking.LEXICAL).ranking(weights);
            for (int i = 0; i < 100; i++) {
                int row = (i * 31 + 7) % original;
                index.search(asks.get(row), null, ArticleFilters.NONE, 0, 10, now, warm);
            }
            double recall = 0;
            double mrr = 0;
            int empty = 0;
            List<Long> latency = new ArrayList<>();
            for (int q = 0; q < sample.size(); q++) {
                int row = sample.get(q);
                IndexedArticle target = articles.get(row);
                List<Long> relevant = sameContent.get(target.title() + "\n" + target.body());
                float[] qv = queryVectors == null ? null : queryVectors.get(q);
                long t0 = System.nanoTime();
                SearchHits hits = index.search(asks.get(row), mode.dense() ? qv : null, ArticleFilters.NONE, 0, 10, now, ranking);
                long t = System.nanoTime() - t0;
                latency.add(t + (mode.dense() ? embedQueryNanos : 0));
                if (hits.ids().isEmpty()) {
                    empty++;
                }
                for (int r = 0; r < hits.ids().size(); r++) {
                    if (relevant.contains(hits.ids().get(r))) {
                        recall++;
                        mrr += 1.0 / (r + 1);
                        break;
                    }
                }
            }
            int n = sample.size();
            System.out.printf("%-8s %d asks: Recall@10 %.3f MRR@10 %.3f empty %.3f; latency p50 %.2f ms p99 %.2f ms%n",
                    mode, n, recall / n, mrr / n, empty / (double) n, percentile(latency, 50), percentile(latency, 99));
            if (mode == HarnessRanking.STAGES) {
                StringBuilder parts = new StringBuilder("  mean per search: query embedding (p50) " + String.format("%.2f ms", embedQueryNanos / 1e6));
                for (int i = 0; i < HarnessRanking.STAGE_NANOS.length; i++) {
                    parts.append(String.format(", %s %.2f ms", HarnessRanking.STAGE_NAMES[i], HarnessRanking.STAGE_NANOS[i] / 1e6 / n));
                }
                System.out.println(parts);
            }
        }
        index.close();
    }

    static ArticleSearch.Weights weights(String spec) {
        if (spec == null) {
            return ArticleSearch.Weights.DEFAULT;
        }
        double[] w = java.util.Arrays.stream(spec.split(",")).mapToDouble(Double::parseDouble).toArray();
        return new ArticleSearch.Weights(w[0], w[1], w[2], w[3], w[4], w.length > 5 ? w[5] : w[4]);
    }

    static float[] jitter(float[] v, Random random) {
        float[] copy = v.clone();
        double norm = 0;
        for (int i = 0; i < copy.length; i++) {
            copy[i] += (float) (random.nextGaussian() * 0.01);
            norm += copy[i] * copy[i];
        }
        for (int i = 0; i < copy.length; i++) {
            copy[i] /= (float) Math.sqrt(norm);
        }
        return copy;
    }

    static String shuffled(String body, Random random) {
        List<String> sentences = new ArrayList<>(java.util.Arrays.asList(body.split("(?<=[。！？!?；])")));
        java.util.Collections.shuffle(sentences, random);
        return String.join("", sentences);
    }

    static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
            }
        }
        return options;
    }
}
