package com.bohe.content.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The caller of a read that may show more to a token: drafts. A read without a token never touches
 * authentication, so public reads cost nothing extra; a read with a bad token is 401.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;
    @Inject
    HttpServerRequest request;

    /** Whether this caller sent a token, which then must be valid, with the scope to read drafts. */
    public boolean mayReadDrafts() {
        return request.getHeader("Authorization") != null && identity.hasRole(Scopes.READ_DRAFTS);
    }

    /** Demands the scope to read drafts: 401 without a token, 403 without the scope. */
    public void requireDrafts() {
        if (request.getHeader("Authorization") == null || identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (!identity.hasRole(Scopes.READ_DRAFTS)) {
            throw new ForbiddenException();
        }
    }

    /** What stays the same for the caller's token (its id; names may repeat); null without a token. */
    public String key() {
        return identity.isAnonymous() ? null : identity.getAttribute(TokenIdentityProvider.TOKEN_KEY);
    }

    /** The name of the token of a write, recorded as updatedBy. */
    public String name() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
}
