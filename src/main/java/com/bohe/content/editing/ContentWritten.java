package com.bohe.content.editing;

import java.util.UUID;

/**
 * Fired inside the transaction of every write of one entity, with what changed of its public life: observers
 * that write in the same transaction (the webhook outbox) commit or roll back with the change itself.
 *
 * @param wasPublic whether it was public before the write (false for a new entity, or a draft article)
 * @param isPublic whether it is public after the write (false once deleted, or for a draft article)
 * @param importId the import whose line wrote it, or null for a write through the API
 */
public record ContentWritten(ContentKind kind, long id, String slug, boolean wasPublic, boolean isPublic,
        boolean deleted, UUID importId) {
}
