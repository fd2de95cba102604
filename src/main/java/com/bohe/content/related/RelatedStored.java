package com.bohe.content.related;

import java.util.Collection;

/** New related lists of these articles are stored: cached copies go. */
public record RelatedStored(Collection<Long> articleIds) {
}
