package com.bohe.content.views;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "content.views")
public interface ViewsConfig {

    /**
     * How often pending views are written to the database. It is also the most a hard kill can lose: the views of
     * the last interval. Shorter is safer and costs more transactions.
     */
    @WithDefault("1s")
    Duration flushInterval();

    /**
     * How often the stored counts that view answers build on are re-read, bringing in other instances' views and
     * visibility changes.
     */
    @WithDefault("5s")
    Duration countRefreshInterval();

    /** Whether every public article's stored count is loaded at start, so that no first view of one costs a query. */
    @WithDefault("true")
    boolean preload();

    /** Pending article-days held in memory at most, e.g. while the database is away; about 100 bytes each. */
    @WithDefault("1000000")
    int maxPendingEntries();

    /** Article-days written per transaction. */
    @WithDefault("1000")
    int batchSize();

    /** How long a graceful shutdown keeps retrying the final flush. */
    @WithDefault("10s")
    Duration shutdownFlushTimeout();

    /** The time zone whose calendar days bucket the views for the popular list. */
    @WithDefault("Asia/Shanghai")
    String zone();

    Bots bots();

    interface Bots {

        /** Leave views from crawlers uncounted. */
        @WithDefault("true")
        boolean enabled();

        /** Case-insensitive substrings of User-Agent headers that mark a crawler. */
        @WithDefault("bot,spider,crawler,slurp,bingpreview,facebookexternalhit,mediapartners,headlesschrome,"
                + "python-requests,scrapy,httpclient,go-http-client,wget,curl/")
        List<String> userAgents();
    }
}
