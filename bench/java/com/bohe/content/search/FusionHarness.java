package com.bohe.content.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.embedding.EmbeddingText;

/**
 * Chooses the fusion of lexical and dense scores by cross-validation over several development sets at once (not a
 * test). Run it through bench/fusion.sh, which documents the sets and options.
 *
 * <p>Each query's candidates are gathered once, with every signal the served search computes (BM25 normalised by
 * the best, coverage, proximity, exact cosine, and whether BM25 matched); each fusion is then a function of those
 * signals, so that hundreds of settings are compared on the same candidates in seconds.
 */
public final class FusionHarness {

    /** The BGE instruction for short queries against passages (bge-small-zh-v1.5's model card). */
    static final String INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

    /** One candidate of one query: what {@link ArticleSearch#fuse} sees. */
    record Cand(long id, double bm25, double coverage, double proximity, double cosine, boolean matched) {
    }

    /** One query of a set: its candidates, the ids that count as relevant, and plain BM25's first ten. */
    record Case(String text, Cand[] cands, Set<Long> relevant, List<Long> bm25) {
    }

    /** A fusion with its settings: scores for a case's candidates, NaN where a candidate is left out. */
    record Fusion(String family, String settings, Function<Case, double[]> scores) {
    }

    /** The metrics of one ranking on one case. */
    record Hit(double hit, double rr, double ndcg) {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = SearchHarness.options(args);
        Path corpus = Path.of(options.getOrDefault("corpus", "../shared/data/toyhom-neike-sample.jsonl"));
        int queries = Integer.parseInt(options.getOrDefault("queries", "2000"));
        int folds = Integer.parseInt(options.getOrDefault("folds", "5"));
        Instant now = Instant.now();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(corpus)) {
            if (!line.isBlank()) {
                rows.add(json.readTree(line));
            }
        }
        VectorCache cache = new VectorCache(Path.of("target/harness-vectors.bin"));

        // Two corpora: articles titled like the site's (title, answer), and articles titled by the patient's question.
        List<IndexedArticle> titled = new ArrayList<>();
        List<IndexedArticle> asked = new ArrayList<>();
        Map<String, Set<Long>> byTitle = new HashMap<>();
        Map<String, Set<Long>> byContent = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            long id = i + 1;
            String title = row.get("title").asText();
            String ask = row.get("ask").asText();
            String answer = row.get("answer").asText();
            Instant published = now.minus(id % 700, ChronoUnit.DAYS);
            titled.add(new IndexedArticle(id, "a-" + id, title, answer, published, id % 500, null, null, null, null, null,
                    List.of(), null, List.of()));
            asked.add(new IndexedArticle(id, "a-" + id, ask, answer, published, id % 500, null, null, null, null, null,
                    List.of(), null, List.of()));
            byTitle.computeIfAbsent(title, k -> new HashSet<>()).add(id);
            byContent.computeIfAbsent(title + "\n" + answer, k -> new HashSet<>()).add(id);
        }
        ArticleIndex titledIndex = index(titled, cache);
        ArticleIndex askedIndex = index(asked, cache);
        // rare: an article that alone names a rare word (a disease few pages mention) must come first for a question
        // naming it, however close other articles are to the rest of the question. Each sampled row puts a word of
        // three characters the corpus never uses at the head of another row's article; vectors stay those of the
        // articles as they were (the model knows no such word).
        java.util.Random random = new java.util.Random(7);
        // Characters the corpus never uses, so that each word's bigrams are found in its article alone.
        Set<Integer> used = new HashSet<>();
        rows.forEach(r -> (r.get("title").asText() + r.get("ask").asText() + r.get("answer").asText()).codePoints().forEach(used::add));
        List<Integer> pool = java.util.stream.IntStream.rangeClosed(0x4E00, 0x9FA5).filter(c -> !used.contains(c)).boxed().toList();
        Map<Integer, String> rareWords = new HashMap<>();
        Map<Integer, Integer> rareTargets = new HashMap<>();
        List<IndexedArticle> named = new ArrayList<>(titled);

        int step = Math.max(1, rows.size() / queries);
        List<Integer> sample = new ArrayList<>();
        for (int i = 0; i < rows.size() && sample.size() < queries; i += step) {
            sample.add(i);
        }
        for (int row : sample) {
            String word;
            do {
                word = new String(new int[] { pool.get(random.nextInt(pool.size())), pool.get(random.nextInt(pool.size())),
                        pool.get(random.nextInt(pool.size())) }, 0, 3);
            } while (rareWords.containsValue(word));
            int target = (row + 1 + random.nextInt(rows.size() - 1)) % rows.size();
            rareWords.put(row, word);
            rareTargets.put(row, target);
            IndexedArticle t = named.get(target);
            named.set(target, new IndexedArticle(t.id(), t.slug(), t.title(), word + "。" + t.body(), t.publishedAt(),
                    t.viewCount(), null, null, null, null, null, List.of(), null, List.of()));
        }
        ArticleIndex namedIndex = index(named, cache, titled);
        String[] templates = { "得了%s怎么办？", "%s应该挂什么科？", "我家孩子好像得了%s，请问应该去医院挂什么科？", "%s能治好吗，要吃什么药？",
                "医生说是%s，严重吗？" };
        boolean instruction = Boolean.parseBoolean(options.getOrDefault("instruction", "false"));
        Map<String, List<Case>> sets = new LinkedHashMap<>();
        // question: the patient's question finds the article written from it (the long queries).
        sets.put("question", cases(titledIndex, cache, sample, i -> rows.get(i).get("ask").asText(),
                i -> byContent.get(rows.get(i).get("title").asText() + "\n" + rows.get(i).get("answer").asText()), instruction, now));
        // title: a page title as the query finds the articles asked that way (question plus answer).
        sets.put("title", cases(askedIndex, cache, sample, i -> rows.get(i).get("title").asText(),
                i -> byTitle.get(rows.get(i).get("title").asText()), instruction, now));
        // keywords: the title cut to a search box's words (4-10 characters) finds the pages with that title.
        sets.put("keywords", cases(titledIndex, cache, sample, i -> keywords(rows.get(i).get("title").asText()),
                i -> byTitle.get(rows.get(i).get("title").asText()), instruction, now));
        sets.put("rare", cases(namedIndex, cache, sample, i -> String.format(templates[i % templates.length], rareWords.get(i)),
                i -> Set.of((long) rareTargets.get(i) + 1), instruction, now));
        titledIndex.close();
        askedIndex.close();
        namedIndex.close();

        List<Fusion> fusions = fusions(options.getOrDefault("grid", "coarse"));
        System.out.printf("%d sets of %d queries, %d fusions, %d folds%n", sets.size(), sample.size(), fusions.size(), folds);
        // Baselines and the served ranking, on every set.
        System.out.printf("%-10s %-44s %s%n", "set", "ranking", "HR@10  MRR@10 nDCG@10");
        Fusion served = served();
        for (Map.Entry<String, List<Case>> set : sets.entrySet()) {
            for (Fusion f : List.of(BM25, LEXICAL, DENSE, BEFORE_FUSION, served)) {
                Hit h = mean(set.getValue(), f, null);
                System.out.printf("%-10s %-44s %.3f  %.3f  %.3f%n", set.getKey(), f.family() + " " + f.settings(), h.hit(), h.rr(), h.ndcg());
            }
        }
        if (fusions.isEmpty()) {
            return;
        }
        // Cross-validation: per family, settings chosen on the other folds and scored on the held-out one.
        Map<String, List<Fusion>> families = new LinkedHashMap<>();
        for (Fusion f : fusions) {
            families.computeIfAbsent(f.family(), k -> new ArrayList<>()).add(f);
        }
        System.out.println();
        System.out.printf("cross-validated (held-out folds); objective: the mean nDCG@10 over the sets, for fusions that trail the better of BM25 and dense alone on none and lose at most %.3f on any against the weights served before%n", TOLERANCE);
        for (Map.Entry<String, List<Fusion>> family : families.entrySet()) {
            Map<String, double[]> held = new LinkedHashMap<>();
            List<String> chosen = new ArrayList<>();
            for (int fold = 0; fold < folds; fold++) {
                final int k = fold;
                Fusion best = null;
                double bestObjective = Double.NEGATIVE_INFINITY;
                for (Fusion f : family.getValue()) {
                    double objective = objective(sets, f, i -> i % folds != k);
                    if (objective > bestObjective) {
                        bestObjective = objective;
                        best = f;
                    }
                }
                chosen.add(best.settings());
                for (Map.Entry<String, List<Case>> set : sets.entrySet()) {
                    double[] sum = held.computeIfAbsent(set.getKey(), s -> new double[4]);
                    List<Case> cases = set.getValue();
                    Hit[] hits = perCase(cases, best);
                    for (int i = 0; i < cases.size(); i++) {
                        if (i % folds == k) {
                            Hit h = hits[i];
                            sum[0] += h.hit();
                            sum[1] += h.rr();
                            sum[2] += h.ndcg();
                            sum[3]++;
                        }
                    }
                }
            }
            StringBuilder line = new StringBuilder(String.format("%-8s", family.getKey()));
            for (Map.Entry<String, double[]> e : held.entrySet()) {
                double[] s = e.getValue();
                line.append(String.format("  %s HR %.3f MRR %.3f nDCG %.3f", e.getKey(), s[0] / s[3], s[1] / s[3], s[2] / s[3]));
            }
            System.out.println(line);
            System.out.println("         chosen per fold: " + String.join(" | ", chosen));
            Fusion all = family.getValue().stream().max(Comparator.comparingDouble(f -> objective(sets, f, i -> true))).orElseThrow();
            System.out.printf("         on all queries: %s (objective %.4f)%n", all.settings(), objective(sets, all, i -> true));
        }
        int top = Integer.parseInt(options.getOrDefault("top", "0"));
        if (top > 0) {
            System.out.printf("%nthe %d best settings on all queries (nDCG@10 per set):%n", top);
            Map<Fusion, Double> objectives = new HashMap<>();
            fusions.forEach(f -> objectives.put(f, objective(sets, f, i -> true)));
            fusions.stream().sorted(Comparator.comparingDouble((Fusion f) -> -objectives.get(f))).limit(top).forEach(f -> {
                StringBuilder line = new StringBuilder(String.format("  %.4f %-8s %-44s", objectives.get(f), f.family(), f.settings()));
                sets.forEach((name, cases) -> line.append(String.format(" %s %.3f", name, mean(cases, f, null).ndcg())));
                System.out.println(line);
            });
        }
        Fusion overall = fusions.stream().max(Comparator.comparingDouble(f -> objective(sets, f, i -> true))).orElseThrow();
        System.out.printf("%nbest of all on all queries: %s %s, objective %.4f (served: %.4f)%n", overall.family(),
                overall.settings(), objective(sets, overall, i -> true), objective(sets, served, i -> true));
        for (Map.Entry<String, List<Case>> set : sets.entrySet()) {
            Hit h = mean(set.getValue(), overall, null);
            System.out.printf("%-10s %-44s %.3f  %.3f  %.3f%n", set.getKey(), overall.family() + " " + overall.settings(), h.hit(), h.rr(), h.ndcg());
        }
    }

    /** The fusion the API serves today ({@link ArticleSearch.Weights#DEFAULT}). */
    static Fusion served() {
        ArticleSearch.Weights w = ArticleSearch.Weights.DEFAULT;
        return weighted(w.semantic(), w.semantic(), w.semanticFloor(), w.join());
    }

    /**
     * Every fusion compared: the served weighted sum with other weights and floors, weights by query length,
     * z-scores, RRF. {@code --grid=fine} narrows to the weighted sum around what the coarse grid chose;
     * {@code --grid=weights} to the served sum's weights of meaning and coverage and its floor, with neighbours
     * joining from 0.5; {@code --grid=all} is coarse and weights together; {@code --grid=none} prints the
     * baselines and the served fusion only.
     */
    static List<Fusion> fusions(String grid) {
        List<Fusion> all = new ArrayList<>();
        if (grid.equals("none")) {
            return all;
        }
        if (grid.equals("all")) {
            all.addAll(fusions("coarse"));
            all.addAll(fusions("weights"));
            return all;
        }
        if (grid.equals("weights")) {
            for (double coverage : new double[] { 0.25, 0.5, 1, 1.5, 2 }) {
                for (double floor : new double[] { 0.3, 0.4, 0.5 }) {
                    for (double s : new double[] { 0.5, 0.75, 1, 1.25, 1.5, 2 }) {
                        all.add(weighted(s, s, floor, 0.5, coverage));
                    }
                }
            }
            return all;
        }
        if (grid.equals("fine")) {
            for (double join : new double[] { 0.4, 0.5 }) {
                for (double floor : new double[] { 0.0, 0.1, 0.2, 0.3, 0.4 }) {
                    for (double s : new double[] { 1, 1.5, 2, 2.5, 3, 4 }) {
                        all.add(weighted(s, s, floor, join));
                    }
                    for (double shortWeight : new double[] { 1.5, 2, 3 }) {
                        for (double longWeight : new double[] { 1.5, 2, 3 }) {
                            if (shortWeight != longWeight) {
                                all.add(weighted(shortWeight, longWeight, floor, join));
                            }
                        }
                    }
                }
            }
            return all;
        }
        double[] semantic = { 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3 };
        double[] floors = { 0.3, 0.4, 0.5, 0.6 };
        for (double floor : floors) {
            for (double s : semantic) {
                all.add(weighted(s, s, floor, floor));
            }
        }
        for (double floor : floors) {
            for (double shortWeight : semantic) {
                for (double longWeight : semantic) {
                    if (shortWeight != longWeight) {
                        all.add(weighted(shortWeight, longWeight, floor, floor));
                    }
                }
            }
        }
        for (double floor : floors) {
            for (double a : new double[] { 0.5, 0.75, 1, 1.5, 2, 3 }) {
                all.add(zscores(a, floor));
            }
        }
        for (double floor : floors) {
            for (int k : new int[] { 5, 10, 20, 40, 60, 100 }) {
                for (double d : new double[] { 0.5, 1, 1.5, 2 }) {
                    all.add(rrf(k, d, floor));
                }
            }
        }
        return all;
    }

    /** The served lexical score: BM25, coverage and proximity by the served weights. */
    static double lexicalScore(Cand c) {
        return lexicalScore(c, ArticleSearch.Weights.DEFAULT.coverage());
    }

    /** The lexical score with another weight of coverage. */
    static double lexicalScore(Cand c, double coverage) {
        ArticleSearch.Weights w = ArticleSearch.Weights.DEFAULT;
        return w.bm25() * c.bm25() + coverage * c.coverage() + w.proximity() * c.proximity();
    }

    /** The characters of a query that carry meaning (letters and digits): what short and long are measured in. */
    static int length(String text) {
        return (int) text.codePoints().filter(Character::isLetterOrDigit).count();
    }

    /** The semantic weight for a query of that length: {@code shortWeight} up to 12 characters, {@code longWeight} from 40, linear between. */
    static double semanticWeight(int length, double shortWeight, double longWeight) {
        double t = Math.min(1, Math.max(0, (length - 12) / 28.0));
        return shortWeight + t * (longWeight - shortWeight);
    }

    /**
     * As served: lexical plus weight × the cosine above {@code floor}, min-max normalised by the best candidate; a
     * neighbour that BM25 did not match joins the candidates from a cosine of {@code join}.
     */
    static Fusion weighted(double shortWeight, double longWeight, double floor, double join) {
        return weighted(shortWeight, longWeight, floor, join, ArticleSearch.Weights.DEFAULT.coverage());
    }

    /** As {@link #weighted(double, double, double, double)}, with another weight of coverage. */
    static Fusion weighted(double shortWeight, double longWeight, double floor, double join, double coverage) {
        return weighted(shortWeight, longWeight, floor, join, coverage, shortWeight == longWeight ? "weighted" : "bylength");
    }

    static Fusion weighted(double shortWeight, double longWeight, double floor, double join, double coverage, String family) {
        String joins = (join == floor ? "" : String.format(" join %.1f", join))
                + (coverage == ArticleSearch.Weights.DEFAULT.coverage() ? "" : String.format(" coverage %.2f", coverage));
        String settings = shortWeight == longWeight ? String.format("semantic %.2f floor %.1f%s", shortWeight, floor, joins)
                : String.format("semantic %.2f (short) %.2f (long) floor %.1f%s", shortWeight, longWeight, floor, joins);
        return new Fusion(family, settings, q -> {
            double weight = semanticWeight(length(q.text()), shortWeight, longWeight);
            double max = Arrays.stream(q.cands()).filter(c -> c.matched() || c.cosine() >= join).mapToDouble(Cand::cosine).max()
                    .orElse(1);
            double[] s = new double[q.cands().length];
            for (int i = 0; i < s.length; i++) {
                Cand c = q.cands()[i];
                if (!c.matched() && c.cosine() < join) {
                    s[i] = Double.NaN;
                    continue;
                }
                double semantic = c.cosine() == Float.NEGATIVE_INFINITY || max <= floor ? 0 : Math.max(0, (c.cosine() - floor) / (max - floor));
                s[i] = lexicalScore(c, coverage) + weight * semantic;
            }
            return s;
        });
    }

    /** Both scores as z-scores over the candidates (robust to one outlier at the top), added with weight {@code a}. */
    static Fusion zscores(double a, double floor) {
        return new Fusion("zscore", String.format("semantic %.2f floor %.1f", a, floor), q -> {
            double[] lex = new double[q.cands().length];
            double[] cos = new double[q.cands().length];
            for (int i = 0; i < lex.length; i++) {
                lex[i] = lexicalScore(q.cands()[i]);
                cos[i] = Math.max(q.cands()[i].cosine(), 0);
            }
            double[] zl = z(lex);
            double[] zc = z(cos);
            double[] s = new double[lex.length];
            for (int i = 0; i < s.length; i++) {
                Cand c = q.cands()[i];
                s[i] = !c.matched() && c.cosine() < floor ? Double.NaN : zl[i] + a * zc[i];
            }
            return s;
        });
    }

    private static double[] z(double[] x) {
        double mean = Arrays.stream(x).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElse(0));
        return Arrays.stream(x).map(v -> sd == 0 ? 0 : (v - mean) / sd).toArray();
    }

    /** Reciprocal-rank fusion of the lexical and the dense order, the dense rank weighted by {@code d}. */
    static Fusion rrf(int k, double d, double floor) {
        return new Fusion("rrf", String.format("k %d dense %.1f floor %.1f", k, d, floor), q -> {
            Integer[] byLexical = order(q, c -> c.matched() ? lexicalScore(c) : Double.NaN);
            Integer[] byDense = order(q, c -> c.cosine() == Float.NEGATIVE_INFINITY ? Double.NaN : c.cosine());
            double[] s = new double[q.cands().length];
            for (int r = 0; r < byLexical.length; r++) {
                s[byLexical[r]] += 1.0 / (k + r + 1);
            }
            for (int r = 0; r < byDense.length; r++) {
                s[byDense[r]] += d / (k + r + 1);
            }
            for (int i = 0; i < s.length; i++) {
                Cand c = q.cands()[i];
                if (!c.matched() && c.cosine() < floor) {
                    s[i] = Double.NaN;
                }
            }
            return s;
        });
    }

    /** The indexes of the candidates with a score, best first, ties by id. */
    private static Integer[] order(Case q, java.util.function.ToDoubleFunction<Cand> score) {
        return java.util.stream.IntStream.range(0, q.cands().length).filter(i -> !Double.isNaN(score.applyAsDouble(q.cands()[i])))
                .boxed().sorted(Comparator.comparingDouble((Integer i) -> -score.applyAsDouble(q.cands()[i]))
                        .thenComparingLong(i -> q.cands()[i].id()))
                .toArray(Integer[]::new);
    }

    /** Plain BM25's first ten, as the index gave them (no scores: {@link Case#bm25()}). */
    static final Fusion BM25 = new Fusion("bm25", "plain, no pruning", null);

    static final Fusion LEXICAL = new Fusion("lexical", "BM25 + coverage + proximity", q -> Arrays.stream(q.cands())
            .mapToDouble(c -> c.matched() ? lexicalScore(c) : Double.NaN).toArray());

    static final Fusion DENSE = new Fusion("dense", "cosine alone, same candidates", q -> Arrays.stream(q.cands())
            .mapToDouble(c -> c.cosine() == Float.NEGATIVE_INFINITY ? Double.NaN : c.cosine()).toArray());

    /** The weights served before the fusion was chosen on several sets: a choice may lose little against them. */
    static final ArticleSearch.Weights BEFORE = new ArticleSearch.Weights(0.35, 0.25, 0.15, 0.75, 0.5, 0.5);
    static final Fusion BEFORE_FUSION = weighted(BEFORE.semantic(), BEFORE.semantic(), BEFORE.semanticFloor(), BEFORE.join(),
            BEFORE.coverage(), "before");
    /** How much nDCG@10 a choice may lose on one set against {@link #BEFORE}. */
    static final double TOLERANCE = 0.005;

    /**
     * What a choice is judged by, on the queries {@code include} keeps. Two rules are constraints: never trail the
     * better of BM25 and dense alone on a set, and never lose more than {@link #TOLERANCE} on a set against the
     * weights served before; a fusion that breaks one scores its largest shortfall minus one (below every fusion
     * that breaks none). The others score their mean nDCG@10 over the sets.
     */
    static double objective(Map<String, List<Case>> sets, Fusion f, java.util.function.IntPredicate include) {
        double sum = 0;
        double shortfall = 0;
        for (List<Case> cases : sets.values()) {
            double ndcg = mean(cases, f, include).ndcg();
            double parts = Math.max(mean(cases, BM25, include).ndcg(), mean(cases, DENSE, include).ndcg());
            double was = mean(cases, BEFORE_FUSION, include).ndcg();
            sum += ndcg;
            shortfall = Math.max(shortfall, Math.max(parts - ndcg, was - TOLERANCE - ndcg));
        }
        return shortfall > 0 ? -1 - shortfall : sum / sets.size();
    }

    /**
     * Each fusion's metrics on each case of a set, computed once: the objective asks for the same fusion on every
     * fold and again on all queries, and the folds only choose which cases to average.
     */
    private static final Map<List<Case>, Map<Fusion, Hit[]>> PER_CASE = new java.util.IdentityHashMap<>();

    static Hit[] perCase(List<Case> cases, Fusion f) {
        return PER_CASE.computeIfAbsent(cases, c -> new java.util.IdentityHashMap<>()).computeIfAbsent(f, k -> cases.stream()
                .map(q -> k.scores() == null ? metrics(q.relevant(), q.bm25()) : metrics(q, k.scores().apply(q))).toArray(Hit[]::new));
    }

    /** The mean metrics of a fusion over the cases {@code include} keeps (all of them when null). */
    static Hit mean(List<Case> cases, Fusion f, java.util.function.IntPredicate include) {
        Hit[] hits = perCase(cases, f);
        double hit = 0;
        double rr = 0;
        double ndcg = 0;
        int n = 0;
        for (int i = 0; i < hits.length; i++) {
            if (include == null || include.test(i)) {
                hit += hits[i].hit();
                rr += hits[i].rr();
                ndcg += hits[i].ndcg();
                n++;
            }
        }
        return new Hit(hit / n, rr / n, ndcg / n);
    }

    /** The metrics of the first ten candidates by these scores (NaN left out), ties by id. */
    static Hit metrics(Case q, double[] scores) {
        List<Long> top = java.util.stream.IntStream.range(0, scores.length).filter(i -> !Double.isNaN(scores[i])).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingLong(i -> q.cands()[i].id()))
                .limit(10).map(i -> q.cands()[i].id()).toList();
        return metrics(q.relevant(), top);
    }

    /** Hit rate, reciprocal rank and nDCG (binary gains) of a first page against the relevant ids. */
    static Hit metrics(Set<Long> relevant, List<Long> top) {
        double dcg = 0;
        double rr = 0;
        for (int r = 0; r < Math.min(10, top.size()); r++) {
            if (relevant.contains(top.get(r))) {
                dcg += 1 / (Math.log(r + 2) / Math.log(2));
                if (rr == 0) {
                    rr = 1.0 / (r + 1);
                }
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(10, relevant.size()); r++) {
            ideal += 1 / (Math.log(r + 2) / Math.log(2));
        }
        return new Hit(rr > 0 ? 1 : 0, rr, dcg / ideal);
    }

    /**
     * A title cut to what a person types into a search box: punctuation and the words that only make it a
     * question left out, at most 10 characters (高血压患者能吃党参吗？ → 高血压患者吃党参).
     */
    static String keywords(String title) {
        String s = title.replaceAll("[\\p{P}\\p{S}\\s]", "");
        for (String filler : new String[] { "请问", "想知道", "医生", "我妈妈", "我爸爸", "我", "是不是", "是什么原因", "怎么回事",
                "怎么办", "有哪些", "有什么", "怎么样", "怎么", "怎样", "如何", "什么", "哪些", "多少", "能够", "可以", "应该", "一般",
                "需要", "进行", "能", "会", "该", "吗", "嘛", "呢", "啊", "呀", "吧", "了", "的" }) {
            String cut = s.replace(filler, "");
            if (length(cut) >= 2) {
                s = cut;
            }
        }
        return s.length() <= 10 ? s : s.substring(0, 10);
    }

    private static ArticleIndex index(List<IndexedArticle> articles, VectorCache cache) throws IOException {
        return index(articles, cache, articles);
    }

    /** The articles indexed with the vectors of {@code embedded} (the same articles, as they were written). */
    private static ArticleIndex index(List<IndexedArticle> articles, VectorCache cache, List<IndexedArticle> embedded)
            throws IOException {
        List<float[]> vectors = cache.vectors(embedded.stream().map(a -> EmbeddingText.of(a.title(), null, a.body())).toList());
        ArticleIndex index = new ArticleIndex();
        List<IndexedArticle> withVectors = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            withVectors.add(articles.get(i).withVector(vectors.get(i)));
        }
        index.putBulk(withVectors);
        index.commit();
        return index;
    }

    /** Each sampled row's query against the index: every candidate the served search would consider, and plain BM25. */
    private static List<Case> cases(ArticleIndex index, VectorCache cache, List<Integer> sample, Function<Integer, String> query,
            Function<Integer, Set<Long>> relevant, boolean instruction, Instant now) throws IOException {
        List<String> texts = sample.stream().map(query).toList();
        List<float[]> vectors = cache.vectors(texts.stream().map(t -> instruction ? INSTRUCTION + t : t).toList());
        ArticleSearch.Ranking bm25 = HarnessRanking.BM25.ranking(ArticleSearch.Weights.DEFAULT);
        List<Case> cases = new ArrayList<>();
        for (int q = 0; q < sample.size(); q++) {
            String text = texts.get(q);
            List<Cand> found = new ArrayList<>();
            index.search(text, vectors.get(q), ArticleFilters.NONE, 0, 10, now, (searcher, analyzer, t, vector, filter, broad, offset, limit) -> {
                TermStats stats = new TermStats(searcher);
                org.apache.lucene.search.Query lexical = ArticleSearch.lexical(searcher.getIndexReader(), analyzer, t, true, stats);
                if (lexical == null) {
                    return SearchHits.none();
                }
                ArticleSearch.Window window = ArticleSearch.window(searcher, lexical, filter, broad, ArticleSearch.WINDOW,
                        ArticleSearch.EXACT_TOTAL);
                Map<Integer, ArticleSearch.Candidate> candidates = ArticleSearch.candidates(searcher, t, window, vector, filter,
                        broad, Float.NEGATIVE_INFINITY);
                ArticleSearch.signals(searcher, analyzer, t, candidates, stats);
                ArticleSearch.identify(searcher, candidates);
                for (ArticleSearch.Candidate c : candidates.values()) {
                    found.add(new Cand(c.id, c.bm25, c.coverage, c.proximity, c.cosine, c.bm25 > 0));
                }
                return SearchHits.none();
            });
            List<Long> plain = index.search(text, null, ArticleFilters.NONE, 0, 10, now, bm25).ids();
            cases.add(new Case(text, found.toArray(Cand[]::new), relevant.apply(sample.get(q)), plain));
        }
        return cases;
    }
}
