package com.bohe.content.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** If-Match (RFC 9110 §13.1.1): a change applies only to the version the client read. */
@ApplicationScoped
public class Preconditions {

    public static final String IF_MATCH = "The ETag of the version this change builds on, e.g. \"3\"; a stale one gets "
            + "412. Required on PUT, PATCH and DELETE (428 without it) unless content.write.require-if-match=false.";

    @Inject
    WriteConfig config;

    /**
     * @param ifMatch the header as sent, or null
     * @throws PreconditionException 428 when it is required and absent, 412 when no tag in it is current
     */
    public void check(String ifMatch, ContentEntity current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (config.requireIfMatch()) {
                throw PreconditionException.required();
            }
            return;
        }
        if (!matches(ifMatch, current.etag())) {
            throw PreconditionException.failed(current.etag());
        }
    }

    /** Strong comparison: "*" matches any current version, a weak tag (W/"3") never matches. */
    static boolean matches(String ifMatch, String etag) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
