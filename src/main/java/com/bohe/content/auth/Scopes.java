package com.bohe.content.auth;

import java.util.List;

/** What a token may do. Reads of published content need no token at all. */
public final class Scopes {

    /** Create, change, publish and delete content. */
    public static final String WRITE = "content:write";
    /** Read drafts and articles scheduled for later. */
    public static final String READ_DRAFTS = "content:read-drafts";
    /** Run bulk imports and read their progress. */
    public static final String IMPORT = "content:import";
    /** Create, list and revoke tokens. */
    public static final String TOKENS_ADMIN = "tokens:admin";
    /** Subscribe webhooks, read and replay their deliveries. */
    public static final String WEBHOOKS_ADMIN = "webhooks:admin";

    /** Upload pictures, list them, change their alt text and delete them. */
    public static final String FILES_WRITE = "files:write";

    public static final List<String> ALL = List.of(WRITE, READ_DRAFTS, IMPORT, TOKENS_ADMIN, WEBHOOKS_ADMIN, FILES_WRITE);

    private Scopes() {
    }
}
