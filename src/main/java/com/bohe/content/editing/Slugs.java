package com.bohe.content.editing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.bohe.content.search.Pinyin;


/** URL slugs for Chinese names: 面瘫与面肌痉挛 becomes mian-tan-yu-mian-ji-jing-luan. */
public final class Slugs {

    public static final int MAX_LENGTH = 80;
    private Slugs() {
    }

    /** @return a slug of lowercase letters, digits and single hyphens; "item" when nothing usable remains */
    public static String of(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                word.append(c);
                continue;
            }
            flush(word, tokens);
            String syllable = Pinyin.syllable(c);
            if (syllable != null && !syllable.isEmpty()) {
                tokens.add(syllable);
            }
        }
        flush(word, tokens);
        String result = trim(String.join("-", tokens));
        return result.isEmpty() ? "item" : result;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (!word.isEmpty()) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    private static String trim(String slug) {
        if (slug.length() <= MAX_LENGTH) {
            return slug;
        }
        int cut = slug.lastIndexOf('-', MAX_LENGTH);
        return slug.substring(0, cut > 0 ? cut : MAX_LENGTH);
    }
}
