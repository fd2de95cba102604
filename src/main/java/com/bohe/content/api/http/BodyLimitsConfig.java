package com.bohe.content.api.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How large a body may be (content.write.*, beside editing/WriteConfig of the same prefix). */
@ConfigMapping(prefix = "content.write")
public interface BodyLimitsConfig {

    /** The largest JSON body a write takes, in bytes; larger ones get 413. Imports have their own limit. */
    @WithDefault("1048576")
    long maxBodySize();

    /** The largest NDJSON body an import takes, in bytes. */
    @WithDefault("1073741824")
    long maxImportSize();
}
