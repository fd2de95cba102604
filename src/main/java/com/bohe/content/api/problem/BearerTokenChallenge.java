package com.bohe.content.api.problem;

/** The WWW-Authenticate values of RFC 6750 that a 401 carries. */
public final class BearerTokenChallenge {

    public static final String MISSING = "Bearer realm=\"content-api\"";
    public static final String INVALID = MISSING + ", error=\"invalid_token\"";

    private BearerTokenChallenge() {
    }
}
