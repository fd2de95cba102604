package com.bohe.content.editing;


/** The form of a slug, for the inputs' Bean Validation and their schema. */
public final class SlugRule {

    public static final String PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";
    public static final String MESSAGE = "must be lowercase letters and digits in words joined by single hyphens";

    private SlugRule() {
    }
}
