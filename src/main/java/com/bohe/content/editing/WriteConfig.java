package com.bohe.content.editing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;


@ConfigMapping(prefix = "content.write")
public interface WriteConfig {

    /**
     * Whether PUT, PATCH and DELETE must carry If-Match (428 without it). Scripts that accept the risk of
     * overwriting a concurrent edit may turn it off; a stale If-Match is refused (412) either way.
     */
    @WithDefault("true")
    boolean requireIfMatch();

    /** The largest JSON body a write takes, in bytes; larger ones get 413. Imports have their own limit. */
    @WithDefault("1048576")
    long maxBodySize();

    /** The largest NDJSON body an import takes, in bytes. */
    @WithDefault("1073741824")
    long maxImportSize();
}
