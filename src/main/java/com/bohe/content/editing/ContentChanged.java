package com.bohe.content.editing;

import java.util.Collection;
import java.util.List;


/**
 * Fired inside the transaction of every write; observers that run after a successful commit (the search index,
 * the caches) make the change visible on this instance at once.
 *
 * @param entity article, disease, doctor, hospital or department
 * @param created whether every one of the ids was created by the write: no article shows an entity not there
 *        before, so nothing that shows articles needs to go (an import creating departments and diseases emptied
 *        every cached article otherwise)
 */
public record ContentChanged(ContentKind entity, Collection<Long> ids, boolean created) {

    public ContentChanged(ContentKind entity, Collection<Long> ids) {
        this(entity, ids, false);
    }

    public static ContentChanged of(ContentKind entity, long id) {
        return new ContentChanged(entity, List.of(id));
    }
}
