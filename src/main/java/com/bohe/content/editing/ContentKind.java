package com.bohe.content.editing;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of content, with the key they go by in the change log ({@code content_change.entity}), import lines and messages. */
public enum ContentKind {
    ARTICLE("article"),
    DISEASE("disease"),
    DOCTOR("doctor"),
    HOSPITAL("hospital"),
    DEPARTMENT("department");

    private final String key;

    ContentKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The kind of a key, empty for anything else. */
    public static Optional<ContentKind> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
