package com.bohe.content.editing;

import java.util.Collection;
import java.util.List;


/**
 * Fired inside the transaction of every write; observers that run after a successful commit (the search index,
 * the caches) make the change visible on this instance at once.
 *
 * @param entity article, disease, doctor, hospital or department
 */
public record ContentChanged(ContentKind entity, Collection<Long> ids) {

    public static ContentChanged of(ContentKind entity, long id) {
        return new ContentChanged(entity, List.of(id));
    }
}
