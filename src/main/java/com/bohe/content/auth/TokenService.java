package com.bohe.content.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.paging.Pages;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.paging.Sorting;

/** Issues, lists, revokes and checks bearer tokens. */
@ApplicationScoped
@Transactional
public class TokenService {

    /** cat_&lt;id&gt;_&lt;secret&gt;: the id finds the row, the secret's hash is compared in constant time. */
    private static final Pattern FORMAT = Pattern.compile("cat_([1-9][0-9]{0,17})_([A-Za-z0-9_-]{43})");
    /** Last use is written at most this often per token, so that a busy script does not write on every call. */
    private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

    static final Map<String, String> SORTS = Map.of("id", "id", "name", "name", "createdAt", "createdAt");

    @Inject
    AdminToken admin;

    /**
     * Who is calling, with what rights.
     *
     * @param key what stays the same for this token (its id; names may repeat): its rate limit's key
     */
    public record Caller(String name, List<String> scopes, String key) {
    }

    public NewToken create(TokenRequest request, String createdBy) {
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw new InvalidRequestException("expiresAt", "must be in the future");
        }
        String secret = AdminToken.random();
        ApiToken token = new ApiToken();
        token.name = request.name().strip();
        token.scopes = List.copyOf(new LinkedHashSet<>(request.scopes()));
        token.secretHash = Secrets.sha256(secret);
        token.createdAt = Instant.now();
        token.createdBy = createdBy;
        token.expiresAt = request.expiresAt();
        token.persist();
        return new NewToken(token.id, token.name, token.scopes, token.expiresAt, "cat_" + token.id + "_" + secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TokenSummary> list(PageParams params) {
        return Pages.of(ApiToken.findAll(Sorting.parse(params.sort, "id", SORTS)), params, TokenSummary::from);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TokenSummary get(long id) {
        return ApiToken.<ApiToken>findByIdOptional(id).map(TokenSummary::from)
                .orElseThrow(() -> new ResourceNotFoundException("token", "id " + id));
    }

    /** Revoking a revoked token changes nothing and is not an error. */
    public void revoke(long id) {
        ApiToken token = ApiToken.<ApiToken>findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("token", "id " + id));
        if (token.revokedAt == null) {
            token.revokedAt = Instant.now();
        }
    }

    /** @return the caller the token stands for; empty when it is unknown, revoked, expired or wrong */
    public Optional<Caller> verify(String presented) {
        if (admin.matches(presented)) {
            return Optional.of(new Caller("admin", Scopes.ALL, "admin"));
        }
        Matcher parts = FORMAT.matcher(presented);
        if (!parts.matches()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        ApiToken token = ApiToken.findById(Long.parseLong(parts.group(1)));
        if (token == null || !Secrets.constantTimeEquals(token.secretHash, Secrets.sha256(parts.group(2)))
                || !token.usableAt(now)) {
            return Optional.empty();
        }
        if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(LAST_USE_RESOLUTION))) {
            token.lastUsedAt = now;
        }
        return Optional.of(new Caller(token.name, List.copyOf(token.scopes), "token-" + token.id));
    }
}
