package com.bohe.content.api.caching;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Caching headers and compression of responses. */
@ConfigMapping(prefix = "content.http")
public interface HttpConfig {

    /** Cache-Control of public reads, unless the kind has its own below. */
    @WithDefault("public, max-age=60, stale-while-revalidate=300, stale-if-error=86400")
    String cacheControl();

    /**
     * Cache-Control per kind, by the first segment of the path, e.g.
     * {@code content.http.cache-control-by-kind.departments=public, max-age=3600}.
     */
    Map<String, String> cacheControlByKind();

    /** Cache-Control of anything read with a token (drafts) and of the token and import resources. */
    @WithDefault("private, no-store")
    String privateCacheControl();

    /** JSON bodies smaller than this many bytes are sent uncompressed: gzip would not pay for itself. */
    @WithDefault("1024")
    int compressionThreshold();
}
