package com.bohe.content.related;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Related lists computed ahead ({@link RelatedLists}). */
@ConfigMapping(prefix = "content.related")
public interface RelatedConfig {

    /** Whether lists are computed in the background; without, a list is computed on its first request only. */
    @WithDefault("true")
    boolean background();

    /** A stored list older than this is computed again, so that popularity and newly due articles drift in. */
    @WithDefault("1d")
    Duration maxAge();

    /** How often the worker looks for lists that are missing or too old, when it has nothing else to do. */
    @WithDefault("10s")
    Duration scanInterval();

    /** The share of one core the worker may take while it has work (it sleeps the rest). */
    @WithDefault("0.5")
    double duty();
}
