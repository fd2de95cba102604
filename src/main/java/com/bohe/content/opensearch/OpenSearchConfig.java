package com.bohe.content.opensearch;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The OpenSearch backend ({@code CONTENT_SEARCH_BACKEND=opensearch}): where it is and how it is fed. */
@ConfigMapping(prefix = "content.opensearch")
public interface OpenSearchConfig {

    /** The cluster's address, e.g. {@code https://search.internal:9200} ({@code CONTENT_OPENSEARCH_URL}). */
    Optional<URI> url();

    /** Basic authentication, when the cluster asks for it ({@code CONTENT_OPENSEARCH_USERNAME}, {@code _PASSWORD}). */
    Optional<String> username();

    Optional<String> password();

    /**
     * The alias searches read ({@code CONTENT_OPENSEARCH_INDEX}); the index behind it is named after it and the time
     * it was built, and a rebuild flips the alias. Two deployments on one cluster need two names.
     */
    @WithDefault("content-articles")
    String index();

    /** Shards and replicas of a new index. */
    @WithDefault("1")
    int shards();

    @WithDefault("1")
    int replicas();

    /**
     * How often an instance reads the feed's state (and the feeding one the change log; a write on it wakes it at
     * once): a write on one instance is searchable through the others within about twice this.
     */
    @WithDefault("500ms")
    Duration feedInterval();

    /** How long a request to OpenSearch may take before it counts as failed. */
    @WithDefault("10s")
    Duration timeout();

    /** How long the feeding instance holds its lease without renewing it; another takes over after that. */
    @WithDefault("15s")
    Duration lease();
}
