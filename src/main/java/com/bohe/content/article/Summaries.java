package com.bohe.content.article;

import java.util.regex.Pattern;

/**
 * Derives an article's summary from its body, like the excerpts on the site: about the first 100 characters,
 * cut at a sentence end where one falls late enough, followed by "...".
 */
public final class Summaries {

    static final int TARGET = 100;
    private static final int SHORTEST_CUT = 40;
    private static final Pattern SENTENCE_END = Pattern.compile("[。！？!?；;]");

    private Summaries() {
    }

    public static String derive(String markdown) {
        String text = MarkdownBlocks.parse(markdown).stream()
                .filter(b -> !"heading".equals(b.type()) && !"image".equals(b.type()))
                .map(b -> b.text() != null ? b.text() : String.join("", b.items()))
                .reduce("", String::concat)
                .replace("\n", "");
        if (text.codePointCount(0, text.length()) <= TARGET) {
            return text;
        }
        int limit = text.offsetByCodePoints(0, TARGET);
        int cut = -1;
        var matcher = SENTENCE_END.matcher(text).region(0, limit);
        while (matcher.find()) {
            cut = matcher.end();
        }
        if (cut < text.offsetByCodePoints(0, SHORTEST_CUT)) {
            cut = limit;
        }
        return text.substring(0, cut) + "...";
    }
}
