package com.bohe.content.search;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "content.search")
public interface SearchConfig {

    /**
     * Where searches of articles are answered ({@code CONTENT_SEARCH_BACKEND}): {@code lucene}, this instance's own
     * index (the default: no server to run), or {@code opensearch}, an OpenSearch index fed once for every instance
     * from the change log ({@code content.opensearch.*}, docs/scaling.md).
     */
    @WithDefault("lucene")
    Backend backend();

    enum Backend {
        lucene, opensearch
    }

    /** How often this instance reads the change log for changes made by other instances. */
    @WithDefault("2s")
    Duration catchUpInterval();

    /** Build the index before the application starts serving instead of in the background (the tests do). */
    @WithDefault("false")
    boolean blockingBuild();

    /**
     * Whether the instance reports ready (/q/health/ready) while its index is still being built. Off by default:
     * until it is built, search falls back to a substring match and related lists are empty, so a balancer should
     * not send readers to it yet.
     */
    @WithDefault("false")
    boolean readyWhileBuilding();

    /** How many searches run at once; the others wait their turn. Default: one per available processor. */
    OptionalInt concurrency();

    /** How long a search waits for its turn before it is refused with a 503 and Retry-After. */
    @WithDefault("5s")
    Duration queueTimeout();
}
