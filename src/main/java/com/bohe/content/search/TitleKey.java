package com.bohe.content.search;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides whether two titles are the same or nearly the same: equal once punctuation, case, width and small
 * function words are set aside (面瘫与面肌痉挛的区别 = 面瘫与面肌痉挛区别), the same characters in another order
 * (面肌痉挛与面瘫的区别), or sharing most of their bigrams.
 */
public final class TitleKey {

    private static final String FUNCTION_CHARS = "的与和及之吗呢吧啊了呀么";
    private static final double NEAR = 0.8;

    private final String key;
    private final String sortedChars;
    private final Set<String> bigrams;

    public TitleKey(String title) {
        StringBuilder kept = new StringBuilder();
        String folded = Normalizer.normalize(title, Normalizer.Form.NFKC).toLowerCase();
        folded.codePoints()
                .filter(Character::isLetterOrDigit)
                .filter(c -> FUNCTION_CHARS.indexOf(c) < 0)
                .forEach(kept::appendCodePoint);
        key = kept.toString();
        char[] chars = key.toCharArray();
        Arrays.sort(chars);
        sortedChars = new String(chars);
        bigrams = new HashSet<>();
        for (int i = 0; i + 1 < key.length(); i++) {
            bigrams.add(key.substring(i, i + 2));
        }
    }

    public boolean nearlySame(TitleKey other) {
        if (key.equals(other.key)) {
            return true;
        }
        if (key.length() >= 4 && sortedChars.equals(other.sortedChars)) {
            return true;
        }
        return similarity(other) >= NEAR;
    }

    /** Jaccard similarity of the two titles' bigram sets, from 0 to 1. */
    public double similarity(TitleKey other) {
        if (bigrams.isEmpty() || other.bigrams.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(bigrams);
        union.addAll(other.bigrams);
        long shared = bigrams.stream().filter(other.bigrams::contains).count();
        return (double) shared / union.size();
    }
}
