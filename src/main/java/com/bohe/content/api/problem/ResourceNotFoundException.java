package com.bohe.content.api.problem;

/** A domain lookup found nothing; mapped to 404 by {@link ProblemMapper}. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String kind, Object key) {
        super(ProblemTexts.notFound(kind, key));
    }
}
