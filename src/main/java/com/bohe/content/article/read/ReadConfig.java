package com.bohe.content.article.read;

import java.time.Duration;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The in-process caches of public reads, sized from the heap unless told a number of bytes. */
@ConfigMapping(prefix = "content.cache")
public interface ReadConfig {

    /** Share of the maximum heap for ready article JSON (compressed). */
    @WithName("article-share")
    @WithDefault("0.15")
    double articleShare();

    /** Bytes for ready article JSON; overrides the share. */
    @WithName("article-bytes")
    OptionalLong articleBytes();

    /** Share of the maximum heap for list items. */
    @WithName("item-share")
    @WithDefault("0.04")
    double itemShare();

    /** Share of the maximum heap for list pages and related lists. */
    @WithName("list-share")
    @WithDefault("0.03")
    double listShare();

    /** Fill the article cache in the background after start, newest first, to 90%. */
    @WithName("article-warm")
    @WithDefault("true")
    boolean warm();

    /** How long a related list read from the database is kept before it is read again. */
    @WithName("related-for")
    @WithDefault("1m")
    Duration relatedFor();


    /**
     * Render article details ahead, in the background: after a change here, and whatever has no current render
     * (new, imported, or shown a department, disease, doctor or hospital that changed since).
     */
    @WithName("render-background")
    @WithDefault("true")
    boolean renderBackground();

    /** Share of one core the background renderer takes while it has work. */
    @WithName("render-duty")
    @WithDefault("0.25")
    double renderDuty();

    default long detailBytes() {
        return articleBytes().orElse(share(articleShare()));
    }

    default long itemBytes() {
        return share(itemShare());
    }

    default long listBytes() {
        return share(listShare());
    }

    private static long share(double share) {
        return Math.max(1 << 20, (long) (Runtime.getRuntime().maxMemory() * share));
    }
}
