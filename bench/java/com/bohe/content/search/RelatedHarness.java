package com.bohe.content.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The evaluation harness of the related scorer (not a test): loads a JSONL corpus of labelled articles, runs the
 * scorer for a sample and prints department precision@10, duplicate titles per list, self-hits, and latency
 * of computing a list; with --size N it replicates and perturbs the corpus to N articles and adds search latency
 * and index heap. Run it through bench/related.sh.
 * <p>
 * Each line: {"title", "ask", "answer", "department"}; title = title, body = ask + answer. The demo articles can be
 * mixed in with --demo, which also prints the related list of the seed page's article.
 */
public final class RelatedHarness {

    public static void main(String[] args) throws IOException {
        Map<String, String> options = SearchHarness.options(args);
        Path corpus = Path.of(options.getOrDefault("corpus", "../shared/data/toyhom-neike-sample.jsonl"));
        int size = Integer.parseInt(options.getOrDefault("size", "0"));
        int sample = Integer.parseInt(options.getOrDefault("sample", "1000"));
        Instant now = Instant.now();
        ObjectMapper json = new ObjectMapper();

        List<IndexedArticle> articles = new ArrayList<>();
        Map<Long, String> labels = new HashMap<>();
        Map<String, Long> departmentIds = new HashMap<>();
        for (String line : Files.readAllLines(corpus)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            long id = articles.size() + 1;
            String department = row.get("department").asText();
            long departmentId = departmentIds.computeIfAbsent(department, d -> 1000L + departmentIds.size());
            labels.put(id, department);
            articles.add(article(id, row.get("title").asText(), row.get("ask").asText() + "\n" + row.get("answer").asText(),
                    departmentId, department, now.minus(id % 700, ChronoUnit.DAYS)));
        }
        VectorCache cache = "false".equals(options.get("vectors")) ? null : new VectorCache(Path.of("target/harness-vectors.bin"));
        if (cache != null) {
            List<float[]> vectors = cache.vectors(articles.stream()
                    .map(a -> com.bohe.content.embedding.EmbeddingText.of(a.title(), null, a.body())).toList());
            for (int i = 0; i < articles.size(); i++) {
                articles.set(i, articles.get(i).withVector(vectors.get(i)));
            }
        }
        int original = articles.size();
        Random random = new Random(42);
        for (long id = original + 1; id <= size; id++) {
            IndexedArticle from = articles.get(random.nextInt(original));
            articles.add(perturbed(from, id, random));
            labels.put(id, labels.get(from.id()));
        }
        long seedId = -1;
        if (options.containsKey("demo")) {
            int before = articles.size();
            seedId = addDemo(Path.of(options.get("demo")), articles, labels, now, json);
            if (cache != null) {
                List<float[]> demo = cache.vectors(articles.subList(before, articles.size()).stream()
                        .map(a -> com.bohe.content.embedding.EmbeddingText.of(a.title(), null, a.body())).toList());
                for (int i = before; i < articles.size(); i++) {
                    articles.set(i, articles.get(i).withVector(demo.get(i - before)));
                }
            }
        }

        Runtime runtime = Runtime.getRuntime();
        long heapBefore = usedHeap(runtime);
        long start = System.nanoTime();
        ArticleIndex index = new ArticleIndex();
        for (int from = 0; from < articles.size(); from += 5_000) {
            index.putBulk(articles.subList(from, Math.min(articles.size(), from + 5_000)));
        }
        index.commit();
        long buildMillis = (System.nanoTime() - start) / 1_000_000;
        long heapAfter = usedHeap(runtime);
        System.out.printf("corpus: %d articles (%d from the file), indexed in %d ms; index heap %.1f MB%n",
                articles.size(), original, buildMillis, (heapAfter - heapBefore) / 1e6);

        // Warm the JIT up first: a server answers from a warm JVM.
        Random warm = new Random(1);
        for (int i = 0; i < 300; i++) {
            index.related(1 + warm.nextInt(articles.size()), 10, now, RelatedScorer.Weights.DEFAULT);
        }
        for (String mode : List.of("text", "semantic", "content", "default")) {
            RelatedScorer.Weights weights = switch (mode) {
                case "text" -> RelatedScorer.Weights.TEXT_ONLY;
                case "semantic" -> RelatedScorer.Weights.SEMANTIC_ONLY;
                case "content" -> options.containsKey("content") ? new RelatedScorer.Weights(
                        Double.parseDouble(options.get("content").split(",")[0]), Double.parseDouble(options.get("content").split(",")[1]),
                        0, 0, 0, 0, 0, 0) : RelatedScorer.Weights.CONTENT_ONLY;
                default -> RelatedScorer.Weights.DEFAULT;
            };
            evaluate(mode, index, articles, labels, sample, now, weights);
        }
        if (size > 0) {
            searchLatency(index, articles, now);
        }
        if (seedId > 0) {
            printSeed(index, articles, seedId, now);
        }
        index.close();
    }

    private static void evaluate(String mode, ArticleIndex index, List<IndexedArticle> articles, Map<Long, String> labels,
            int sample, Instant now, RelatedScorer.Weights weights) {
        Map<Long, String> titles = new HashMap<>();
        articles.forEach(a -> titles.put(a.id(), a.title()));
        int step = Math.max(1, labels.size() / sample);
        double precision = 0;
        long duplicates = 0;
        long selfHits = 0;
        int lists = 0;
        List<Long> uncached = new ArrayList<>();
        for (long id = 1; id <= labels.size() && lists < sample; id += step) {
            long t0 = System.nanoTime();
            List<RelatedHit> hits = index.related(id, 10, now, weights);
            uncached.add(System.nanoTime() - t0);
            String label = labels.get(id);
            precision += hits.isEmpty() ? 0 : hits.stream().filter(h -> label.equals(labels.get(h.id()))).count() / (double) hits.size();
            Set<String> seen = new HashSet<>();
            for (RelatedHit hit : hits) {
                if (!seen.add(titles.get(hit.id()))) {
                    duplicates++;
                }
                if (hit.id() == id) {
                    selfHits++;
                }
            }
            lists++;
        }
        System.out.printf("%-8s lists %d: department P@10 %.3f, duplicate titles per list %.3f, self-hits %d; "
                + "latency of computing a list p50 %.2f ms p99 %.2f ms%n",
                mode, lists, precision / lists, duplicates / (double) lists, selfHits,
                SearchHarness.percentile(uncached, 50), SearchHarness.percentile(uncached, 99));
    }

    private static void searchLatency(ArticleIndex index, List<IndexedArticle> articles, Instant now) {
        Random random = new Random(7);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String title = articles.get(random.nextInt(articles.size())).title();
            int from = random.nextInt(Math.max(1, title.length() - 2));
            String q = title.substring(from, Math.min(title.length(), from + 2 + random.nextInt(3)));
            long t0 = System.nanoTime();
            index.search(q, null, ArticleFilters.NONE, 0, 20, now);
            times.add(System.nanoTime() - t0);
        }
        System.out.printf("search   1000 queries: p50 %.2f ms p99 %.2f ms%n", SearchHarness.percentile(times, 50), SearchHarness.percentile(times, 99));
    }

    private static void printSeed(ArticleIndex index, List<IndexedArticle> articles, long seedId, Instant now) {
        Map<Long, IndexedArticle> byId = new HashMap<>();
        articles.forEach(a -> byId.put(a.id(), a));
        System.out.println("seed page: related to " + byId.get(seedId).title());
        for (RelatedHit hit : index.related(seedId, 10, now, RelatedScorer.Weights.DEFAULT)) {
            IndexedArticle a = byId.get(hit.id());
            boolean onTopic = (a.title() + a.body()).contains("面瘫") || (a.title() + a.body()).contains("面肌痉挛");
            System.out.printf("  %s %.3f %s %s%n", onTopic ? "ok " : "OFF", hit.score(), a.title(), hit.reasons());
        }
    }

    private static long addDemo(Path file, List<IndexedArticle> articles, Map<Long, String> labels, Instant now,
            ObjectMapper json) throws IOException {
        long seed = -1;
        for (String line : Files.readAllLines(file)) {
            JsonNode row = json.readTree(line);
            if (!"article".equals(row.path("type").asText()) || !"published".equals(row.path("status").asText())) {
                continue;
            }
            long id = articles.size() + 1;
            List<IndexedArticle.Ref> diseases = new ArrayList<>();
            row.path("diseases").forEach(d -> diseases.add(new IndexedArticle.Ref(d.asText().hashCode() & 0xffff, d.asText(), d.asText())));
            String department = row.path("department").asText();
            articles.add(new IndexedArticle(id, "demo-" + id, row.get("title").asText(), row.get("body").asText(),
                    Instant.parse(row.get("publishedAt").asText()), row.path("viewCount").asLong(),
                    (long) (department.hashCode() & 0xffff), department, null, null, department, diseases, null, List.of()));
            labels.put(id, department);
            if ("mian-tan-yu-mian-ji-jing-luan-you-shen-me-guan-xi-ma".equals(row.path("slug").asText())) {
                seed = id;
            }
        }
        return seed;
    }

    private static IndexedArticle article(long id, String title, String body, long departmentId, String department,
            Instant published) {
        return new IndexedArticle(id, "a-" + id, title, body, published, id % 500, departmentId, null, 1L, "nei-ke",
                department, List.of(), null, List.of());
    }

    /** A copy with its sentences shuffled and a few characters dropped, so that the replicas are not identical. */
    private static IndexedArticle perturbed(IndexedArticle from, long id, Random random) {
        List<String> sentences = new ArrayList<>(Arrays.asList(from.body().split("(?<=[。！？!?；])")));
        java.util.Collections.shuffle(sentences, random);
        StringBuilder body = new StringBuilder(String.join("", sentences));
        for (int i = 0; i < 3 && body.length() > 10; i++) {
            body.deleteCharAt(random.nextInt(body.length()));
        }
        return new IndexedArticle(id, "a-" + id, from.title() + (random.nextBoolean() ? "？" : ""), body.toString(),
                from.publishedAt(), random.nextInt(1000), from.departmentId(), null, 1L, "nei-ke", from.departmentName(),
                List.of(), null, List.of(), from.vector() == null ? null : SearchHarness.jitter(from.vector(), random));
    }

    private static long usedHeap(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
