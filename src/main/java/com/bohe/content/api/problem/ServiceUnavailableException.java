package com.bohe.content.api.problem;

/** A dependency, such as the database, is away for now; mapped to 503 with Retry-After by {@link ProblemMapper}. */
public class ServiceUnavailableException extends RuntimeException {

    private final int retryAfterSeconds;

    public ServiceUnavailableException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
