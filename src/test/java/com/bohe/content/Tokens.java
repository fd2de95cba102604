package com.bohe.content;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.bohe.content.auth.AdminToken;
import com.bohe.content.auth.ApiToken;
import com.bohe.content.auth.TokenRequest;
import com.bohe.content.auth.TokenService;

/** Bearer tokens for tests: the random admin token of the test run, and fresh tokens of chosen scopes. */
@ApplicationScoped
public class Tokens {

    @Inject
    AdminToken admin;
    @Inject
    TokenService service;

    public String admin() {
        return admin.generated().orElseThrow();
    }

    public String create(String name, String... scopes) {
        return service.create(new TokenRequest(name, List.of(scopes), null), "test").token();
    }

    /** A fresh token with just these scopes. */
    public String read(String... scopes) {
        return create("test-" + String.join("-", scopes), scopes);
    }

    @Transactional
    public ApiToken stored(long id) {
        return ApiToken.findById(id);
    }

    @Transactional
    public void expire(long id) {
        ApiToken.<ApiToken>findById(id).expiresAt = Instant.now().minusSeconds(1);
    }
}
