package com.bohe.content.editing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How writes go (content.write.*); the body limits of the same prefix are api/BodyLimitsConfig. */
@ConfigMapping(prefix = "content.write")
public interface WriteConfig {

    /**
     * Whether PUT, PATCH and DELETE must carry If-Match (428 without it). Scripts that accept the risk of
     * overwriting a concurrent edit may turn it off; a stale If-Match is refused (412) either way.
     */
    @WithDefault("true")
    boolean requireIfMatch();
}
