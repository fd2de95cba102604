package com.bohe.content.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns what a user typed into a query; the text is analyzed, never parsed as a query language, so no input is
 * a syntax error. The one syntax is the web's: text in quotes ("面肌痉挛", “面肌痉挛” or 「面肌痉挛」) must occur as
 * written; everything else ranks by how much of it an article holds.
 */
public final class QueryText {

    /**
     * Distinct terms of a query that count: a whole question (q has up to 200 characters). At 32, long questions
     * lost most of their words and Recall@10 of BM25 fell from 0.663 to 0.481 (bench/search.sh).
     */
    public static final int MAX_TERMS = 128;
    /** The bigrams a lone character stands for at most, the most frequent first. */
    public static final int PREFIX_TERMS = 50;
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|“([^”]*)”|「([^」]*)」");

    private QueryText() {
    }

    /** What a query asks: phrases that must occur, and free text that ranks. */
    public record Parsed(List<String> phrases, String free) {
    }

    public static Parsed parse(String text) {
        List<String> phrases = new ArrayList<>();
        StringBuilder free = new StringBuilder();
        Matcher m = QUOTED.matcher(text);
        int last = 0;
        while (m.find()) {
            free.append(text, last, m.start()).append(' ');
            String phrase = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (!phrase.isBlank()) {
                phrases.add(phrase.strip());
            }
            last = m.end();
        }
        // An unmatched quote is only a character.
        free.append(text.substring(last).replace('"', ' ').replace('“', ' ').replace('”', ' ')
                .replace('「', ' ').replace('」', ' '));
        return new Parsed(phrases, free.toString().strip());
    }

    private static final Analyzer BIGRAMS = ChineseAnalysis.bigrams();

    /**
     * A query as the index analyses it ({@link ChineseAnalysis#bigrams()}), for a backend that builds its queries
     * from terms ({@code OpenSearchSearch}): the tokens of each quoted phrase, the distinct terms of the whole text
     * (quotes dropped) as in-process matching and coverage use them, and its tokens in order, for proximity.
     */
    public record Analysed(List<List<String>> phrases, List<String> terms, List<String> tokens) {
    }

    public static Analysed analyse(String text) {
        List<List<String>> phrases = new ArrayList<>();
        for (String phrase : parse(text).phrases()) {
            List<String> tokens = tokens(BIGRAMS, ArticleDocument.TITLE, phrase);
            if (!tokens.isEmpty()) {
                phrases.add(tokens);
            }
        }
        List<String> tokens = tokens(BIGRAMS, ArticleDocument.TITLE, text.replace('"', ' '));
        return new Analysed(phrases, distinct(tokens), tokens);
    }

    /** The distinct terms of a text, in order, at most {@link #MAX_TERMS}. */
    static List<String> terms(Analyzer analyzer, String field, String text) {
        return distinct(tokens(analyzer, field, text));
    }

    private static List<String> distinct(List<String> tokens) {
        Set<String> terms = new LinkedHashSet<>();
        for (String term : tokens) {
            if (terms.size() >= MAX_TERMS) {
                break;
            }
            terms.add(term);
        }
        return new ArrayList<>(terms);
    }

    /** Every token of a text, in order, repeats included (a phrase needs its positions). */
    static List<String> tokens(Analyzer analyzer, String field, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && tokens.size() < 4 * MAX_TERMS) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /** Every term must match in one of the fields; fields score with their boosts. Null when nothing is left. */
    static Query allTerms(Analyzer analyzer, String text, Map<String, Float> fields) {
        List<String> terms = terms(analyzer, ArticleDocument.TITLE, text);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String term : terms) {
            all.add(anyField(term, fields), Occur.MUST);
        }
        return all.build();
    }

    /** At least one term in one of the fields; each term scores in each field with its boost. Null when none. */
    static Query anyTerm(List<String> terms, Map<String, Float> fields, TermStats stats) throws IOException {
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String term : terms) {
            for (Map.Entry<String, Float> field : fields.entrySet()) {
                any.add(boosted(termOrPrefix(field.getKey(), term, stats), field.getValue()), Occur.SHOULD);
            }
        }
        return any.build();
    }

    /**
     * The term; a lone Chinese character (a query of one character, or one standing between punctuation) is not
     * in the bigram index, so it matches the bigrams that start with it instead: 咳 finds 咳嗽.
     */
    static Query termOrPrefix(String field, String term, TermStats stats) throws IOException {
        if (isLoneCharacter(term)) {
            return new PrefixQuery(new Term(field, term), new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(PREFIX_TERMS));
        }
        return stats.term(field, term);
    }

    public static boolean isLoneCharacter(String term) {
        return term.codePointCount(0, term.length()) == 1 && Character.isIdeographic(term.codePointAt(0));
    }

    /** The tokens in this order, next to each other, in one of the fields. */
    static Query phrase(List<String> tokens, Map<String, Float> fields) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        fields.forEach((field, boost) -> {
            Query q = tokens.size() == 1 ? new TermQuery(new Term(field, tokens.get(0)))
                    : new PhraseQuery(field, tokens.toArray(String[]::new));
            any.add(boosted(q, boost), Occur.SHOULD);
        });
        return any.build();
    }

    private static Query anyField(String term, Map<String, Float> fields) {
        BooleanQuery.Builder anyField = new BooleanQuery.Builder();
        fields.forEach((field, boost) -> anyField.add(boosted(new TermQuery(new Term(field, term)), boost), Occur.SHOULD));
        return anyField.build();
    }

    private static Query boosted(Query query, float boost) {
        return boost == 1f ? query : new BoostQuery(query, boost);
    }
}
