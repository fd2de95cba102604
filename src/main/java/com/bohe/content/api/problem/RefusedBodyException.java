package com.bohe.content.api.problem;

/**
 * A body the API will not take for what it is rather than for its syntax: too large (413), of a type it does
 * not take (415), or well-formed but impossible to process, such as a picture that declares a billion pixels
 * (422). Mapped by {@link ProblemMapper}.
 */
public class RefusedBodyException extends RuntimeException {

    private final int status;

    public RefusedBodyException(int status, String message) {
        super(message);
        if (status != 413 && status != 415 && status != 422) {
            throw new IllegalArgumentException("not a refusal of a body: " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }
}
