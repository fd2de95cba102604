package com.bohe.content.embedding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The cost of embedding with onnxruntime session options (not a test): questions one at a time (a search's query
 * embedding), questions in batches of 4 (as concurrent searches could be batched), and articles' texts in batches
 * of 16 unsorted and sorted by length (the background embedder), in CPU milliseconds per text on one thread.
 * Usage: bench/embedding-options.sh [corpus.jsonl]
 */
public final class OnnxOptionsHarness {

    public static void main(String[] args) throws Exception {
        String source = args.length > 0 ? args[0] : "../shared/data/toyhom-neike-sample.jsonl";
        ObjectMapper json = new ObjectMapper();
        List<String> asks = new ArrayList<>();
        List<String> docs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(source))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            asks.add(row.get("ask").asText().length() > 200 ? row.get("ask").asText().substring(0, 200) : row.get("ask").asText());
            docs.add(EmbeddingText.of(row.get("title").asText(), null, row.get("answer").asText()));
        }
        List<String> questions = asks.subList(0, 300);
        List<String> articles = docs.subList(0, 320);
        Map<String, Supplier<OrtSession.SessionOptions>> variants = new LinkedHashMap<>();
        variants.put("served (1 thread, no arena, no memory pattern)", EmbeddingModel::servedOptions);
        variants.put("arena and memory pattern on", () -> with(o -> {
            o.setCPUArenaAllocator(true);
            o.setMemoryPatternOptimization(true);
        }));
        variants.put("graph optimisation: basic only", () -> with(o -> o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT)));
        variants.put("graph optimisation: all (extended + layout)", () -> with(o -> o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT)));
        variants.put("2 intra-op threads (latency; CPU counts both)", () -> with(o -> o.setIntraOpNumThreads(2)));
        System.out.printf("%d questions (mean %.0f characters), %d article texts (mean %.0f characters)%n", questions.size(),
                questions.stream().mapToInt(String::length).average().orElse(0), articles.size(),
                articles.stream().mapToInt(String::length).average().orElse(0));
        System.out.println("| options | question, one at a time: ms each (p50) | questions in 4s: ms each | articles in 16s: ms each | articles in 16s sorted by length: ms each |");
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, Supplier<OrtSession.SessionOptions>> variant : variants.entrySet()) {
            EmbeddingModel model = new EmbeddingModel(variant.getValue().get());
            for (int i = 0; i < 30; i++) {
                model.embed(questions.get(i));
            }
            List<Long> single = new ArrayList<>();
            for (String q : questions) {
                long t0 = System.nanoTime();
                model.embed(q);
                single.add(System.nanoTime() - t0);
            }
            Collections.sort(single);
            double batched = perText(model, questions, 4);
            double docsUnsorted = perText(model, articles, 16);
            List<String> sorted = new ArrayList<>(articles);
            sorted.sort((a, b) -> Integer.compare(a.length(), b.length()));
            double docsSorted = perText(model, sorted, 16);
            System.out.printf("| %s | %.2f | %.2f | %.2f | %.2f |%n", variant.getKey(), single.get(single.size() / 2) / 1e6, batched,
                    docsUnsorted, docsSorted);
        }
    }

    private interface Change {
        void apply(OrtSession.SessionOptions options) throws OrtException;
    }

    private static OrtSession.SessionOptions with(Change change) {
        OrtSession.SessionOptions options = EmbeddingModel.servedOptions();
        try {
            change.apply(options);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        return options;
    }

    private static double perText(EmbeddingModel model, List<String> texts, int batch) {
        long t0 = System.nanoTime();
        for (int i = 0; i < texts.size(); i += batch) {
            model.embedAll(texts.subList(i, Math.min(texts.size(), i + batch)));
        }
        return (System.nanoTime() - t0) / 1e6 / texts.size();
    }
}
