package com.bohe.content.embedding;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "content.embeddings")
public interface EmbeddingConfig {

    /** Whether articles and queries are embedded at all; without, search and related lists are lexical only. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether the model loads and articles are embedded on a background thread (the default), or only when
     * {@link Embeddings#drain()} is called (the tests do, so that nothing runs behind their backs).
     */
    @WithDefault("true")
    boolean background();

    /**
     * Articles embedded per batch: one round of the embedder, about 50 ms of a core each. Small enough that a round
     * holds a core for a fraction of a second while readers queue; the statements around it are few beside it.
     */
    @WithDefault("8")
    int batchSize();

    /** Query embeddings kept (2 KB each), so that a repeated search costs no model call. */
    @WithDefault("4000")
    long queryCacheSize();

    /** How long the worker waits after a failed batch before it tries again (doubling up to ten times this). */
    @WithDefault("2s")
    Duration retryDelay();
}
