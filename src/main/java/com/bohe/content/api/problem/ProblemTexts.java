package com.bohe.content.api.problem;

import com.bohe.content.api.contract.ContractFilter;

import java.util.Collection;

/**
 * The words of problems that both the answers ({@link ProblemMapper}, the exceptions) and the contract's examples
 * ({@link ContractFilter}) say, written once so that an example never tells a client something the server does not.
 */
public final class ProblemTexts {

    private ProblemTexts() {
    }

    /** The 404 of a lookup: {@code kind} as the resource is called ("article"), {@code key} as it was asked ("id 42"). */
    public static String notFound(String kind, Object key) {
        return "No " + kind + " found for " + key;
    }

    /** The 403 of a token without the scope an operation needs; any one of {@code scopes} would do. */
    public static String forbidden(Collection<String> scopes) {
        return scopes == null || scopes.isEmpty() ? "The token lacks the scope this operation needs."
                : "The token lacks the scope this operation needs: " + String.join(" or ", scopes) + ".";
    }

    /** The 401 without a token ({@code presented} false) or with one that does not verify. */
    public static String unauthenticated(boolean presented) {
        return presented ? "The bearer token is unknown, expired or revoked."
                : "This operation needs a bearer token: Authorization: Bearer <token>.";
    }
}
