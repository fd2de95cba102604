package com.bohe.content.embedding;

/**
 * The text of an article that its embedding is computed from: the title, then the summary when there is one,
 * then the body, cut at {@link #MAX_CHARS} characters. bge-small-zh reads at most 512 tokens and costs more the
 * longer the text; bench/search.sh compared the title alone, title and summary, and title plus the first N
 * characters of the body (see docs/search.md).
 */
public final class EmbeddingText {

    public static final int MAX_CHARS = 256;

    private EmbeddingText() {
    }

    public static String of(String title, String summary, String body) {
        return of(title, summary, body, MAX_CHARS);
    }

    public static String of(String title, String summary, String body, int maxChars) {
        StringBuilder text = new StringBuilder(title == null ? "" : title.strip());
        if (summary != null && !summary.isBlank()) {
            text.append('\n').append(summary.strip());
        }
        if (body != null && !body.isBlank() && text.length() < maxChars) {
            text.append('\n').append(body.strip());
        }
        return text.length() <= maxChars ? text.toString() : text.substring(0, maxChars);
    }
}
