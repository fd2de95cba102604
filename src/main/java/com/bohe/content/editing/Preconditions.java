package com.bohe.content.editing;

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
        if (!matches(ifMatch, current.version)) {
            throw PreconditionException.failed("\"" + current.version + "\"");
        }
    }

    /**
     * Compares the version an entity tag names ("3" or "3-&lt;hash&gt;"; the hash covers what the resource shows of
     * others, such as a disease's name, which an edit of this resource does not overwrite). "*" matches any
     * version; a weak tag (W/"3") never matches.
     */
    static boolean matches(String ifMatch, long version) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return true;
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                String value = t.substring(1, t.length() - 1);
                int dash = value.indexOf('-');
                if ((dash < 0 ? value : value.substring(0, dash)).equals(Long.toString(version))) {
                    return true;
                }
            }
        }
        return false;
    }
}
