package com.bohe.content.editing;

import java.util.Collection;


/**
 * A change of content has been applied to this instance's search index: made here (after its commit), an
 * embedding computed here, or a change of another instance (read from the change log).
 */
public record ContentApplied(ContentKind entity, Collection<Long> ids, Origin origin) {

    public enum Origin {
        /** A write committed on this instance. */
        WRITE,
        /** Embeddings computed (or found stored) by this instance. */
        EMBEDDING,
        /** Read from the change log: written by another instance, or one of ours read again. */
        CATCH_UP
    }
}
