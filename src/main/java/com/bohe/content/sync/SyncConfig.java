package com.bohe.content.sync;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Delta sync (GET /sync). */
@ConfigMapping(prefix = "content.sync")
public interface SyncConfig {

    /**
     * How long what left public view is remembered: a sync token older than this is refused (410) and the app
     * starts again. Longer than an offline app's usual gap between syncs.
     */
    @WithDefault("90D")
    Duration retention();
}
