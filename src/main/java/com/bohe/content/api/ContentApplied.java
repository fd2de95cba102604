package com.bohe.content.api;

import java.util.Collection;

/**
 * A change of content has been applied to this instance's search index: made here (after its commit) or by
 * another instance (read from the change log). In-process caches of reads drop what it names.
 */
public record ContentApplied(String entity, Collection<Long> ids) {
}
