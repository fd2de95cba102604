package com.bohe.content.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * The operator's bootstrap token, content.admin-token (CONTENT_ADMIN_TOKEN): every scope, never stored, never
 * logged. Without it nothing can write until a token exists. Dev mode and tests make a random one per start; dev
 * mode prints it, because a developer at a laptop needs it and it dies with the process.
 */
@ApplicationScoped
public class AdminToken {

    static final int MIN_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(AdminToken.class);

    private final byte[] digest;
    private final String generated;

    AdminToken(@ConfigProperty(name = "content.admin-token") Optional<String> configured) {
        String token = configured.filter(t -> !t.isBlank()).orElse(null);
        if (token == null && LaunchMode.current() != LaunchMode.NORMAL) {
            generated = random();
            token = generated;
        } else {
            generated = null;
        }
        if (token != null && token.length() < MIN_LENGTH) {
            throw new IllegalStateException("content.admin-token must be at least " + MIN_LENGTH + " characters long");
        }
        digest = token == null ? null : Secrets.sha256(token);
    }

    void announce(@Observes StartupEvent event) {
        if (generated != null && LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            LOG.infof("Dev admin token (every scope, valid until this process ends): %s", generated);
        } else if (digest == null) {
            LOG.info("No content.admin-token is set: only tokens already created can write");
        }
    }

    boolean matches(String presented) {
        return digest != null && Secrets.constantTimeEquals(digest, Secrets.sha256(presented));
    }

    /** The random token of dev mode and tests; empty in production. */
    public Optional<String> generated() {
        return Optional.ofNullable(generated);
    }

    static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
