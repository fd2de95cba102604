package com.bohe.content.editing;

import java.util.Collection;


/**
 * Changes read from the content change log (written by any instance, this one included), announced before the
 * search index applies them, so that caches of reads drop what they name even when indexing fails.
 *
 * @param created whether the log says every one of these changes created its entity (as {@link ContentChanged})
 */
public record ChangesLogged(ContentKind entity, Collection<Long> ids, boolean created) {

    /** Changes of which some may be updates or deletions. */
    public ChangesLogged(ContentKind entity, Collection<Long> ids) {
        this(entity, ids, false);
    }
}
