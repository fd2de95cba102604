package com.bohe.content.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import com.bohe.content.ratelimit.RateLimiter;

/** Reads {@code Authorization: Bearer <token>}. No header means an anonymous caller, who may still read. */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    @Inject
    RateLimiter limits;

    static final String SCHEME = "Bearer";
    /** RFC 6750's challenge. */
    public static final String CHALLENGE = com.bohe.content.api.problem.BearerTokenChallenge.MISSING;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        if (header.length() <= SCHEME.length() + 1 || !header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Authorization must be a Bearer token"));
        }
        String token = header.substring(SCHEME.length() + 1).strip();
        Uni<SecurityIdentity> identity = identities.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")));
        HttpMethod method = context.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return identity;
        }
        // A write spends its verified token's bucket, never one named by an unverified header.
        return identity.invoke(verified -> limits.verifiedWrite(verified.getAttribute(TokenIdentityProvider.TOKEN_KEY)));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
