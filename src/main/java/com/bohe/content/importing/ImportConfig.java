package com.bohe.content.importing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of bulk imports (content.import.*): memory stays flat whatever a file holds. */
@ConfigMapping(prefix = "content.import")
public interface ImportConfig {

    /** The longest line, in characters; a longer one is skipped (never held whole) and reported as an error. */
    @WithDefault("1048576")
    int maxLineLength();

    /** A batch (one transaction) ends at this many characters of lines, or at 500 lines. */
    @WithDefault("8388608")
    long maxBatchChars();

    /** Imports waiting behind a running one, per token; one more is a 429. */
    @WithDefault("1")
    int queuedPerToken();

    /** Imports waiting on this instance in all; one more is a 429. */
    @WithDefault("8")
    int queued();
}
