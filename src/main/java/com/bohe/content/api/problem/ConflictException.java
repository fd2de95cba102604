package com.bohe.content.api.problem;

import java.util.List;


/** The request clashes with the current state: a taken slug, or a delete of something still referenced. */
public class ConflictException extends RuntimeException {

    private final List<Problem.Reference> references;

    public ConflictException(String message) {
        this(message, null);
    }

    public ConflictException(String message, List<Problem.Reference> references) {
        super(message);
        this.references = references;
    }

    public List<Problem.Reference> references() {
        return references;
    }
}
