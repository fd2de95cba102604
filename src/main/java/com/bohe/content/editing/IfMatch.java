package com.bohe.content.editing;

import java.util.HashSet;
import java.util.Set;


/** The If-Match header (RFC 9110 §13.1.1) as the version a change builds on. */
public final class IfMatch {

    public static final String DESCRIPTION = "The ETag of the version this change builds on, e.g. \"3\"; a stale one "
            + "gets 412. Required on PUT, PATCH and DELETE (428 without it) unless content.write.require-if-match=false.";

    private IfMatch() {
    }

    /**
     * The versions that the entity tags of the header name ("3" or "3-&lt;hash&gt;"; the hash covers what the
     * resource shows of others, such as a disease's name, which an edit of this resource does not overwrite).
     * "*" names any version; a weak tag (W/"3") or one that is not quoted names none. An absent or blank header
     * names no version.
     */
    public static ExpectedVersion parse(String header) {
        if (header == null || header.isBlank()) {
            return ExpectedVersion.NONE;
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return ExpectedVersion.ANY;
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                String value = t.substring(1, t.length() - 1);
                int dash = value.indexOf('-');
                try {
                    versions.add(Long.parseLong(dash < 0 ? value : value.substring(0, dash)));
                } catch (NumberFormatException e) {
                    // a tag that this API never sent names no version
                }
            }
        }
        return ExpectedVersion.oneOf(versions);
    }
}
