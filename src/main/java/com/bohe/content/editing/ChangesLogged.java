package com.bohe.content.editing;

import java.util.Collection;


/**
 * Changes read from the content change log (written by any instance, this one included), announced before the
 * search index applies them, so that caches of reads drop what they name even when indexing fails.
 */
public record ChangesLogged(ContentKind entity, Collection<Long> ids) {
}
