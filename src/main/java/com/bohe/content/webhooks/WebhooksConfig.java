package com.bohe.content.webhooks;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Webhook deliveries: who may be called, how often it is retried, how long it may take. */
@ConfigMapping(prefix = "content.webhooks")
public interface WebhooksConfig {

    /**
     * Allow URLs that resolve to loopback, private, link-local or metadata addresses (CONTENT_WEBHOOKS_ALLOW_PRIVATE);
     * dev mode and tests set it, production should not.
     */
    @WithName("allow-private")
    @WithDefault("false")
    boolean allowPrivate();

    /** Deliver from this instance; every instance may, each delivery is claimed by one. */
    @WithName("dispatch")
    @WithDefault("true")
    boolean dispatch();

    /** How often the dispatcher looks for events and due deliveries when nothing woke it. */
    @WithName("poll-interval")
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Waits before each retry after the first attempt, as the Standard Webhooks schedule (about 28 hours in all);
     * each is shortened or stretched by up to a fifth at random. After the last, a delivery is failed.
     */
    @WithName("retry-delays")
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retryDelays();

    @WithName("connect-timeout")
    @WithDefault("3s")
    Duration connectTimeout();

    /** For the whole answer, headers and the first bytes of the body. */
    @WithName("timeout")
    @WithDefault("5s")
    Duration timeout();

    /** How much of a receiver's answer is kept for the deliveries list, in bytes. */
    @WithName("response-limit")
    @WithDefault("1024")
    int responseLimit();

    /**
     * Under a stream of writes and answers, the dispatcher records results and leases new events at most once per
     * window, each time for all that came in meanwhile: a delivery may wait this long for its turn, and the database
     * sees one claim and one record per window rather than per write. A write after a quiet spell goes at once.
     */
    @WithName("batch-window")
    @WithDefault("100ms")
    Duration batchWindow();

    /** An event or delivery claimed by an instance that went away is attempted again by another after this. */
    @WithName("lease")
    @WithDefault("1m")
    Duration lease();

    /** Deliveries in flight at once on this instance (each is a request on the event loops, not a thread). */
    @WithName("senders")
    @WithDefault("16")
    int senders();
}
