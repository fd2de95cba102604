package com.bohe.content.ratelimit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Requests per client (its address, or for writes its verified token), per kind of request. */
@ConfigMapping(prefix = "content.rate-limit")
public interface RateLimitConfig {

    /** On by default; the benchmark scripts turn it off. */
    @WithDefault("true")
    boolean enabled();

    /** Views of one article by one client: enough for a reader coming back, too few to inflate a count. */
    Limit viewsPerArticle();

    /** Views of all articles by one client. */
    Limit views();

    /** Writes (POST, PUT, PATCH, DELETE other than views) by one client. */
    Limit writes();

    /**
     * Failed authentications (401 answers) from one address: once spent, requests that need authentication from
     * it are refused (429) before any token is looked up.
     */
    Limit authenticationFailures();

    /** Searches (reads with q) and the popular list by one client. */
    Limit search();

    /** Pages of /sync by one client: each may carry a thousand whole documents. */
    Limit sync();

    /** Suggestions (/suggest) by one client: one a keystroke, so more than searches. */
    Limit suggest();

    /** Uploads by one token (besides its writes): each is decoded. */
    Limit uploads();

    /** First variants of pictures (made, not already stored) for one client. */
    Limit transforms();

    /** At most {@code requests} per {@code period}, refilled gradually. */
    interface Limit {
        long requests();

        Duration period();
    }
}
