package com.bohe.content.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The Chinese analysis of the index. Chinese has no spaces, so text is cut into overlapping character bigrams
 * (面瘫与面肌 → 面瘫 瘫与 与面 面肌): every two-character word is found whatever the segmentation, and longer words
 * match as runs of bigrams. Full-width forms fold to half-width and Latin letters to lower case. The harness
 * (bench/related) compared this with SmartChineseAnalyzer's word segmentation; see docs/search.md for the numbers.
 */
public final class ChineseAnalysis {

    private ChineseAnalysis() {
    }

    /** The analysis the index uses; {@code -Dcontent.analysis=smartcn} switches to word segmentation, for the harness. */
    public static Analyzer chosen() {
        return "smartcn".equals(System.getProperty("content.analysis"))
                ? new org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer()
                : bigrams();
    }

    /** The analysis's name, kept with an index: another analysis rebuilds it. */
    public static String name() {
        return "smartcn".equals(System.getProperty("content.analysis")) ? "smartcn" : "cjk-bigrams-width-lower-v1";
    }

    public static Analyzer bigrams() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new CJKWidthFilter(source);
                stream = new LowerCaseFilter(stream);
                stream = new CJKBigramFilter(stream);
                return new TokenStreamComponents(source, stream);
            }
        };
    }
}
