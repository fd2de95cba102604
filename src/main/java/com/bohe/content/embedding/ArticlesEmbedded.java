package com.bohe.content.embedding;

import java.util.List;

/** Fired when these articles' vectors are stored and current: the search index takes them in. */
public record ArticlesEmbedded(List<Long> ids) {
}
