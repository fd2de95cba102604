package com.bohe.content.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** Turns what a user typed into a query; the text is analyzed, never parsed, so no input is a syntax error. */
final class QueryText {

    static final int MAX_TERMS = 32;

    private QueryText() {
    }

    static List<String> terms(Analyzer analyzer, String field, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(terms);
    }

    /** Every term must match in one of the fields; fields score with their boosts. Null when nothing is left. */
    static Query allTerms(Analyzer analyzer, String text, Map<String, Float> fields) {
        List<String> terms = terms(analyzer, ArticleIndex.TITLE, text);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String term : terms) {
            BooleanQuery.Builder anyField = new BooleanQuery.Builder();
            fields.forEach((field, boost) -> anyField.add(new BoostQuery(new TermQuery(new Term(field, term)), boost), Occur.SHOULD));
            all.add(anyField.build(), Occur.MUST);
        }
        return all.build();
    }
}
