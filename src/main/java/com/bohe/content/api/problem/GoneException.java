package com.bohe.content.api.problem;

/** What the request names existed once and is no longer kept: 410, with a problem type that says what to do. */
public class GoneException extends RuntimeException {

    private final String type;

    public GoneException(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
