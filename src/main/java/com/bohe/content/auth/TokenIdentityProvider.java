package com.bohe.content.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a bearer token into an identity whose roles are the token's scopes. */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity's attribute that holds the verified token's key ({@link TokenService.Caller#key}). */
    public static final String TOKEN_KEY = "content.token-key";

    @Inject
    TokenService tokens;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String presented = request.getToken().getToken();
        return context.runBlocking(() -> tokens.verify(presented)
                .map(caller -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(caller.name()))
                        .addRoles(java.util.Set.copyOf(caller.scopes()))
                        .addAttribute(TOKEN_KEY, caller.key())
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("The token is unknown, expired or revoked")));
    }
}
